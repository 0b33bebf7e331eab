package io.github.aemclient.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aemclient.testkit.AemRequest;
import io.github.aemclient.testkit.AemStandIn;
import io.github.aemclient.testkit.Fault;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.TestCredentials;
import io.github.aemclient.testkit.TestCredentials.JsonEdit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the built cli/target/aem-token.jar as a process, as a user would, against the stand-ins. */
class AemTokenCliIT {

    static final TestCredentials TEST = TestCredentials.generate();
    static ImsStandIn ims;
    static AemStandIn aem;

    @TempDir
    static Path dir;
    static Path credentials;

    @BeforeAll
    static void start() {
        ims = ImsStandIn.start().register(TEST);
        aem = AemStandIn.start(ims);
        credentials = TEST.writeTo(dir.resolve("service-credentials.json"));
    }

    @AfterAll
    static void stop() {
        aem.close();
        ims.close();
    }

    record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("aem-token.jar", "target/aem-token.jar")));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        var out = process.getInputStream();
        var err = process.getErrorStream();
        var outText = new java.util.concurrent.CompletableFuture<String>();
        new Thread(() -> {
            try {
                outText.complete(new String(out.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                outText.completeExceptionally(e);
            }
        }).start();
        String errText = new String(err.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("aem-token finished").isTrue();
        return new Run(process.exitValue(), outText.join(), errText);
    }

    @Test
    void tokenPrintsOnlyAValidAccessToken() throws Exception {
        Run run = run("token", "--credentials", credentials.toString(), "--ims-url", ims.url().toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).endsWith("\n").doesNotContain(" ");
        assertThat(ims.principalOf(run.out().strip())).contains(TEST.technicalAccountId());
    }

    @Test
    void getPrintsTheBodyOfAnAuthenticatedGet() throws Exception {
        Run run = run("get", "--credentials", credentials.toString(), "--ims-url", ims.url().toString(),
                "--url", aem.url().toString(), "/content/wknd.json?depth=1");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"path\":\"/content/wknd.json\"").contains(TEST.technicalAccountId());
        AemRequest sent = aem.requests().stream().filter(r -> r.path().equals("/content/wknd.json?depth=1"))
                .reduce((first, second) -> second).orElseThrow();
        // the token that went to AEM is in neither stream: get prints the body, never the credentials
        String token = sent.bearerToken().orElseThrow();
        assertThat(run.all()).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1))
                .doesNotContain(TEST.clientSecret());
    }

    /**
     * The process started here inherits this JVM's environment: the AEM_* variables of whoever runs the build
     * (AEM_PASSWORD, AEM_PROXY_PASSWORD...) must not be in it (excluded by the parent pom; .ci/run sets one).
     */
    @Test
    void theCliRunsWithoutTheCallersAemVariables() {
        assertThat(System.getenv().keySet()).noneMatch(name -> name.startsWith("AEM_"));
    }

    @Test
    void invalidClientIsExit1WithImsCodeAndNoSecret() throws Exception {
        Path wrong = TestCredentials.writeTo(dir.resolve("wrong-secret.json"), TEST.json(i -> JsonEdit.set(i,
                "technicalAccount.clientSecret", jakarta.json.Json.createValue("p8e-not-the-secret"))));

        Run run = run("token", "--credentials", wrong.toString(), "--ims-url", ims.url().toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("invalid_client").contains("invalid client_secret parameter")
                .doesNotContain("p8e-not-the-secret").doesNotContain("Exception").hasLineCount(1);
    }

    @Test
    void verboseOutputShowsStackTracesButNoSecret() throws Exception {
        Path wrong = TestCredentials.writeTo(dir.resolve("verbose.json"), TEST.json(i -> JsonEdit.set(i,
                "technicalAccount.clientSecret", jakarta.json.Json.createValue("p8e-verbose-secret"))));

        Run run = run("get", "--verbose", "--credentials", wrong.toString(), "--ims-url", ims.url().toString(),
                "--url", aem.url().toString(), "/x");
        String assertion = ims.requests().get(ims.requests().size() - 1).form().get("jwt_token");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("invalid_client").contains("\tat ");
        assertThat(run.all()).doesNotContain("p8e-verbose-secret").doesNotContain(assertion)
                .doesNotContain(TEST.privateKeyPem().split("\r\n")[3]);
    }

    @Test
    void aPassingImsFailureIsRetried() throws Exception {
        ims.enqueue(Fault.error(500, "internal_error", "Internal Server Error"));

        Run run = run("token", "--credentials", credentials.toString(), "--ims-url", ims.url().toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(ims.principalOf(run.out().strip())).isPresent();
    }

    @Test
    void imsDownIsExit1() throws Exception {
        for (int attempt = 0; attempt < 4; attempt++) {
            ims.enqueue(Fault.error(500, "internal_error", "Internal Server Error"));
        }

        Run run = run("token", "--credentials", credentials.toString(), "--ims-url", ims.url().toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("HTTP 500 internal_error").contains("gave up after 4 attempts");
    }

    @Test
    void badFilesAreExit2NamingTheFileOrField() throws Exception {
        Path missingField = TestCredentials.writeTo(dir.resolve("no-org.json"), TEST.json(i -> JsonEdit.remove(i, "org")));
        Path truncated = TestCredentials.writeTo(dir.resolve("truncated.json"), TEST.json().substring(0, 300));

        Run absent = run("token", "--credentials", dir.resolve("absent.json").toString());
        Run field = run("token", "--credentials", missingField.toString());
        Run cut = run("token", "--credentials", truncated.toString());

        assertThat(absent.exit()).isEqualTo(2);
        assertThat(absent.err()).contains("absent.json does not exist").hasLineCount(1);
        assertThat(field.exit()).isEqualTo(2);
        assertThat(field.err()).contains("integration.org is missing").contains("no-org.json");
        assertThat(cut.exit()).isEqualTo(2);
        assertThat(cut.err()).contains("truncated.json").contains("ends too early")
                .doesNotContain(TEST.clientSecret());
    }

    @Test
    void badUsageIsExit2() throws Exception {
        assertThat(run("token").exit()).isEqualTo(2);
        assertThat(run().exit()).isEqualTo(2);
        assertThat(run("token", "--credentials", "a", "--token-file", "b").err()).contains("mutually exclusive");
        Run remotePlainHttp = run("get", "--credentials", credentials.toString(), "--url", "http://aem.example.com", "/x");
        assertThat(remotePlainHttp.exit()).isEqualTo(2);
        assertThat(remotePlainHttp.err()).contains("--url is plain http");
    }

    @Test
    void aDeveloperTokenIsCheckedAndPrintedOrSaidToHaveExpired() throws Exception {
        String token = ims.issueDeveloperToken(Instant.now(), Duration.ofHours(24));
        Path valid = TestCredentials.writeTo(dir.resolve("dev.json"),
                "{\"ok\":true,\"statusCode\":200,\"accessToken\":\"" + token + "\"}");
        Path expired = TestCredentials.writeTo(dir.resolve("old.json"),
                ims.issueDeveloperToken(Instant.now().minus(Duration.ofDays(2)), Duration.ofHours(24)));

        Run ok = run("token", "--token-file", valid.toString());
        Run old = run("token", "--token-file", expired.toString());

        assertThat(ok.exit()).isZero();
        assertThat(ok.out().strip()).isEqualTo(token);
        assertThat(old.exit()).isEqualTo(1);
        assertThat(old.out()).isEmpty();
        assertThat(old.err()).contains("expired at").contains("Get Local Development Token");
    }

    @Test
    void anAemRefusalIsExit1() throws Exception {
        Run run = run("get", "--url", aem.url().toString(), "/private");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("AEM answered HTTP 401");
    }
}
