package io.github.aemclient.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aemclient.AemConfigurationException;
import io.github.aemclient.ImsException;
import io.github.aemclient.testkit.AemRequest;
import io.github.aemclient.testkit.AemStandIn;
import io.github.aemclient.testkit.ConnectProxy;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.TestOAuthCredentials;
import io.github.aemclient.testkit.TestTls;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In-process runs: what the CLI prints for configuration problems, and what {@code get} writes. */
class AemTokenCliTest {

    record Run(int exit, byte[] out, String err) {
    }

    static Run run(String... args) {
        return runWith("", java.util.Map.of(), args);
    }

    /** With this standard input and these environment variables. */
    static Run runWith(String stdin, java.util.Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        PrintWriter errors = new PrintWriter(err, true);
        int exit = AemTokenCli.run(args, out, errors, Terminal.of(new java.io.ByteArrayInputStream(
                stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)), environment, errors));
        return new Run(exit, out.toByteArray(), err.toString());
    }

    @Test
    void aBasicAuthPasswordComesFromStandardInputOrTheEnvironmentAndInlineOnesAreWarnedAbout() {
        try (AemStandIn sdk = AemStandIn.startLocalSdk().withBasicUser("admin", "s3cret pw")) {
            String url = sdk.url().toString();

            Run stdin = runWith("s3cret pw\n", java.util.Map.of(), "get", "--url", url, "--user", "admin",
                    "--password-stdin", "/content/a.json");
            Run environment = runWith("", java.util.Map.of("AEM_PASSWORD", "s3cret pw"), "get", "--url", url,
                    "--user", "admin", "/content/b.json");
            Run inline = run("get", "--url", url, "--user", "admin:s3cret pw", "/content/c.json");
            Run none = run("get", "--url", url, "--user", "admin", "/content/d.json");
            Run twice = runWith("x\n", java.util.Map.of(), "get", "--url", url, "--user", "admin:pw",
                    "--password-stdin", "/content/e.json");
            Run emptyInput = run("get", "--url", url, "--user", "admin", "--password-stdin", "/content/f.json");

            assertThat(stdin.exit()).as(stdin.err()).isZero();
            assertThat(stdin.err()).isEmpty();
            assertThat(environment.exit()).as(environment.err()).isZero();
            assertThat(environment.err()).isEmpty();
            assertThat(inline.exit()).as(inline.err()).isZero();
            assertThat(inline.err()).contains("warning: the password given inline with --user USER:PASSWORD shows"
                    + " in ps output and shell history").doesNotContain("s3cret");
            assertThat(none.exit()).isEqualTo(2);
            assertThat(none.err()).contains("--user admin needs a password: pipe it in with --password-stdin or set"
                    + " AEM_PASSWORD");
            assertThat(twice.exit()).isEqualTo(2);
            assertThat(twice.err()).contains("The password is given twice").doesNotContain("pw\n");
            assertThat(emptyInput.exit()).isEqualTo(2);
            assertThat(emptyInput.err()).contains("standard input is empty");
            Run binary = runWith("\u0000\u0001\u00ffpw\n", java.util.Map.of(), "get", "--url", url, "--user", "admin",
                    "--password-stdin", "/content/g.json");
            Run crlf = runWith("s3cret pw\r\nignored\n", java.util.Map.of(), "get", "--url", url, "--user", "admin",
                    "--password-stdin", "/content/h.json");
            assertThat(binary.exit()).isEqualTo(2);
            assertThat(binary.err()).contains("standard input does not hold a password");
            assertThat(crlf.exit()).as(crlf.err()).isZero();
            assertThat(sdk.requests()).extracting(AemRequest::status).containsExactly(200, 200, 200, 200);
        }
    }

    @Test
    void aProxyUserTakesItsPasswordFromTheEnvironmentAndInlineOnesAreWarnedAbout() {
        try (AemStandIn sdk = AemStandIn.startLocalSdk().allowAnonymous();
                ConnectProxy proxy = ConnectProxy.start().requireBasic("px", "proxy s3cret")) {
            String url = sdk.url().toString();

            Run environment = runWith("", java.util.Map.of("AEM_PROXY_PASSWORD", "proxy s3cret"), "get", "--url", url,
                    "--proxy", proxy.address(), "--proxy-user", "px", "/content/a.json");
            Run inline = run("get", "--url", url, "--proxy", proxy.address(), "--proxy-user", "px:proxy s3cret",
                    "/content/b.json");
            Run none = run("get", "--url", url, "--proxy", proxy.address(), "--proxy-user", "px", "/content/c.json");
            Run noAddress = runWith("", java.util.Map.of("AEM_PROXY_PASSWORD", "pw"), "get", "--url", url,
                    "--proxy-user", "px", "/content/d.json");

            assertThat(environment.exit()).as(environment.err()).isZero();
            assertThat(environment.err()).isEmpty();
            assertThat(inline.exit()).as(inline.err()).isZero();
            assertThat(inline.err()).contains("warning: the proxy password given inline").doesNotContain("s3cret");
            assertThat(none.exit()).isEqualTo(2);
            assertThat(none.err()).contains("--proxy-user px needs a password: set AEM_PROXY_PASSWORD");
            assertThat(noAddress.exit()).isEqualTo(2);
            assertThat(noAddress.err()).contains("--proxy-user is set but --proxy is not").doesNotContain("aem.");
            assertThat(proxy.forwarded()).containsExactly("GET " + url + "/content/a.json",
                    "GET " + url + "/content/b.json");
            assertThat(sdk.requests()).hasSize(2).allSatisfy(request -> assertThat(request.headers().keySet())
                    .noneMatch(name -> name.equalsIgnoreCase("proxy-authorization")));
        }
    }

    @Test
    void aTrustStoreLetsTheTokenBeFetchedOverTlsAndItsAbsenceIsNamed(@TempDir Path dir) {
        TestOAuthCredentials credential = TestOAuthCredentials.generate();
        TestTls tls = TestTls.generate();
        try (ImsStandIn ims = ImsStandIn.start(tls).register(credential)) {
            Path secret = credential.writeSecretTo(dir.resolve("secret"));
            Path store = tls.writeTrustStore(dir.resolve("store.p12"), "PKCS12", "store pw");
            String[] token = {"token", "--client-id", credential.clientId(), "--client-secret-file", secret.toString(),
                "--scopes", credential.scopesText(), "--ims-url", ims.url().toString()};

            Run trusted = runWith("", java.util.Map.of("AEM_TRUST_STORE_PASSWORD", "store pw"),
                    concat(token, "--trust-store", store.toString()));
            Run wrongPassword = runWith("", java.util.Map.of("AEM_TRUST_STORE_PASSWORD", "nope"),
                    concat(token, "--trust-store", store.toString()));
            Run untrusted = run(token);

            assertThat(trusted.exit()).as(trusted.err()).isZero();
            assertThat(ims.clientIdOf(new String(trusted.out(), java.nio.charset.StandardCharsets.UTF_8).strip()))
                    .contains(credential.clientId());
            assertThat(wrongPassword.exit()).isEqualTo(2);
            assertThat(wrongPassword.err()).contains("--trust-store: ").contains("check AEM_TRUST_STORE_PASSWORD")
                    .doesNotContain("nope");
            assertThat(untrusted.exit()).isNotZero();
            assertThat(untrusted.err()).contains("certificate that is not trusted").contains("set --trust-store to")
                    .doesNotContain("aem.<env>");
        }
    }

    static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    @Test
    void configurationProblemsNameTheOptionsTheUserTyped() {
        Run run = run("get", "--url", "http://aem.example.com", "--token-file", "/x", "--read-timeout", "soon",
                "/content/x.json");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("The command line has 2 problems:")
                .contains("--url is plain http to aem.example.com")
                .contains("--read-timeout 'soon' is not a duration")
                .doesNotContain("aem.cli").doesNotContain("AEM_CLI").doesNotContain("AEM this command")
                .doesNotContain("environment 'cli'");
    }

    @Test
    void noCredentialsForARemoteUrlNamesOnlyOptionsTheCommandHas() {
        Run run = run("get", "--url", "https://aem.example.com", "/content/x.json");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("No credentials are configured for this command (https://aem.example.com)")
                .contains("--credentials").contains("--token-file").contains("--user")
                .doesNotContain("mode").doesNotContain("aem.cli").doesNotContain("AEM_CLI");
    }

    @Test
    void aDevelopmentTokenGivenAsCredentialsIsPointedToTheTokenFileOption(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("dev.json"), "{\"accessToken\":\"eyJhbGciOi.x.y\"}");

        Run run = run("token", "--credentials", file.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("holds a local development token, not service credentials; configure it as"
                + " --token-file instead").doesNotContain("aem.").doesNotContain("eyJhbGciOi");
    }

    @Test
    void anOAuthServerToServerTokenWithTheSecretFromAFile(@TempDir Path dir) {
        TestOAuthCredentials credential = TestOAuthCredentials.generate();
        try (ImsStandIn ims = ImsStandIn.start().register(credential)) {
            Path secret = credential.writeSecretTo(dir.resolve("secret"));

            Run run = run("token", "--client-id", credential.clientId(), "--client-secret-file", secret.toString(),
                    "--scopes", credential.scopesText(), "--ims-url", ims.url().toString());

            assertThat(run.exit()).as(run.err()).isZero();
            String token = new String(run.out(), java.nio.charset.StandardCharsets.UTF_8).strip();
            assertThat(ims.clientIdOf(token)).contains(credential.clientId());
            assertThat(run.err()).doesNotContain(credential.clientSecret());
        }
    }

    @Test
    void anOAuthScopeNotGrantedSaysWhichAndExitsWith1(@TempDir Path dir) {
        TestOAuthCredentials credential = TestOAuthCredentials.generate(java.util.List.of("openid"));
        try (ImsStandIn ims = ImsStandIn.start().register(credential)) {
            Run run = run("token", "--client-id", credential.clientId(), "--client-secret-file",
                    credential.writeSecretTo(dir.resolve("secret")).toString(), "--scopes", "openid,aem.folders",
                    "--ims-url", ims.url().toString());

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).contains("invalid_scope").contains("aem.folders")
                    .contains("a requested scope is not granted").doesNotContain("aem.<env>")
                    .doesNotContain(credential.clientSecret());
        }
    }

    @Test
    void badUsageIsOneLineNamingTheOptionWithoutTheWholeUsage() {
        Run run = run("token", "--credentals", "x.json");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString().contains("--credentals")
                .endsWith("(see aem-token token --help)");
    }

    @Test
    void aemsErrorAnswerIsShownWithItsStatus() {
        try (AemStandIn sdk = AemStandIn.startLocalSdk().allowAnonymous()) {
            sdk.enqueue(io.github.aemclient.testkit.Fault.body(403, "application/json",
                    "{\"error_code\":\"403000\",\"message\":\"Api Key is required\"}"));

            Run run = run("get", "--url", sdk.url().toString(), "/adobe/folders");

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).contains("AEM answered HTTP 403").contains("Api Key is required");
        }
    }

    @Test
    void theOAuthOptionsGoTogether() {
        Run run = run("token", "--client-id", "x");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--client-secret-file").contains("--scopes");
    }

    @Test
    void aBlankUserNameIsBadUsageNotAMissingOption() {
        Run run = run("get", "--url", "https://aem.example.com", "--user", " :pw", "/x");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--user needs a user name").doesNotContain("is missing");
    }

    @Test
    void getWritesTheBodyToTheCommandsOutputStreamByteForByte() {
        try (AemStandIn sdk = AemStandIn.startLocalSdk().allowAnonymous()) {
            Run run = run("get", "--url", sdk.url().toString(), "/testkit/bytes/1000");

            assertThat(run.exit()).as(run.err()).isZero();
            byte[] expected = new byte[1000];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = (byte) (i % 251);
            }
            assertThat(run.out()).isEqualTo(expected);
        }
    }

    @Test
    void badInputExitsWith2AndRefusalsWith1() {
        assertThat(AemTokenCli.exitCodeOf(new AemConfigurationException("x", "m"))).isEqualTo(2);
        assertThat(AemTokenCli.exitCodeOf(new IllegalArgumentException("m"))).isEqualTo(2);
        assertThat(AemTokenCli.exitCodeOf(new ImsException("m", 400, "invalid_client", "d"))).isEqualTo(1);
    }
}
