package io.github.aemclient.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an IMS and an AEM stand-in until stopped (Ctrl-C), with freshly generated service credentials,
 * an OAuth Server-to-Server credential's secret and a local development token written to files, for demos
 * and manual tries. The AEM stand-in requires {@code X-Api-Key} on {@code /adobe/} paths, as AEM's
 * OpenAPI-based APIs do.
 *
 * <pre>java -jar aem-stand-in.jar [--ims-port N] [--aem-port N] [--out DIR] [--token-lifetime 24h]
 *     [--oauth-client-id ID]</pre>
 */
public final class StandInMain {

    static final String USAGE = String.join("\n",
            "[--ims-port N] [--aem-port N] [--out DIR] [--token-lifetime 24h] [--oauth-client-id ID]",
            "Starts the IMS and AEM stand-ins on 127.0.0.1 and writes, into --out (default: target/stand-in),",
            "credentials the IMS stand-in accepts (service-credentials.json, local-development-token.json, an",
            "OAuth client secret);",
            "prints the URLs and settings to configure. Give the same --ims-port and --aem-port (random",
            "otherwise) to keep a configured server's settings valid across restarts; every start writes",
            "new credentials. --token-lifetime: how long tokens live (24h like IMS; 20s to watch renewals).");

    private StandInMain() {
    }

    /**
     * Starts the stand-ins, writes {@code service-credentials.json} and {@code local-development-token.json}
     * (readable by their owner only) to the output directory, prints where everything is, logs each request
     * to standard output, and waits until the JVM shuts down, then closes both stand-ins. An unknown option
     * or a missing value ends the JVM with status 2.
     *
     * @param args {@code --ims-port N} and {@code --aem-port N} (default: free ports), {@code --out DIR}
     *        (default: {@code target/stand-in}), {@code --token-lifetime} of issued tokens (default: 24h)
     * @throws InterruptedException when the waiting thread is interrupted
     * @throws NumberFormatException when a port is not a number
     * @throws java.time.format.DateTimeParseException when the lifetime is not one ({@code 90s}, {@code 2h})
     * @throws java.io.UncheckedIOException when a port is taken or a file cannot be written
     */
    public static void main(String[] args) throws InterruptedException {
        int imsPort = 0;
        int aemPort = 0;
        Path out = Path.of("target", "stand-in");
        Duration lifetime = Duration.ofHours(24);
        String oauthClientId = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--ims-port":
                    imsPort = Integer.parseInt(require(args[i], value));
                    i++;
                    break;
                case "--aem-port":
                    aemPort = Integer.parseInt(require(args[i], value));
                    i++;
                    break;
                case "--out":
                    out = Path.of(require(args[i], value));
                    i++;
                    break;
                case "--oauth-client-id":
                    oauthClientId = require(args[i], value);
                    i++;
                    break;
                case "--token-lifetime":
                    lifetime = Duration.parse("PT" + require(args[i], value).toUpperCase());
                    i++;
                    break;
                case "--help":
                case "-h":
                    System.out.println(USAGE);
                    return;
                default:
                    System.err.println("Unknown option " + args[i] + "; usage: " + USAGE.lines().findFirst().orElseThrow()
                            + " (--help explains)");
                    System.exit(2);
            }
        }
        // A client id as the Developer Console shows one: what the demo prints should look like the real thing.
        TestCredentials credentials = TestCredentials.builder().clientId("cm-p12345-e67890-integration").build();
        TestOAuthCredentials oauth = TestOAuthCredentials.generate();
        if (oauthClientId != null) {
            oauth = oauth.withClientId(oauthClientId);
        }
        ImsStandIn ims = ImsStandIn.start(imsPort).register(credentials).register(oauth).tokenLifetime(lifetime);
        AemStandIn aem = AemStandIn.start(aemPort, ims).requireApiKey();
        ims.logTo(System.out::println);
        aem.logTo(System.out::println);
        Path credentialsFile = credentials.writeTo(out.resolve("service-credentials.json"));
        Path oauthSecretFile = oauth.writeSecretTo(out.resolve("oauth-client-secret"));
        Path tokenFile = TestCredentials.writeTo(out.resolve("local-development-token.json"),
                "{\"ok\":true,\"statusCode\":200,\"accessToken\":\""
                        + ims.issueDeveloperToken(Instant.now(), Duration.ofHours(24)) + "\"}");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            aem.close();
            ims.close();
            stopped.countDown();
        }));
        System.out.println("IMS stand-in:             " + ims.url());
        System.out.println("AEM stand-in:             " + aem.url());
        System.out.println("Service credentials:      " + credentialsFile.toAbsolutePath());
        System.out.println("Local development token:  " + tokenFile.toAbsolutePath());
        System.out.println("OAuth client id:          " + oauth.clientId());
        System.out.println("OAuth client secret file: " + oauthSecretFile.toAbsolutePath());
        System.out.println("OAuth scopes:             " + oauth.scopesText());
        System.out.println("Point IMS calls here: aem.<env>.ims-url=" + ims.url() + " (aem-token: --ims-url " + ims.url()
                + "); the credentials name the real IMS");
        System.out.println("Stand-ins ready. Stop with Ctrl-C.");
        System.out.flush();
        stopped.await();
    }

    private static String require(String option, String value) {
        if (value == null) {
            System.err.println(option + " needs a value");
            System.exit(2);
        }
        return value;
    }
}
