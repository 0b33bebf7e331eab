package io.github.aemclient.testkit;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An OAuth Server-to-Server credential as the Adobe Developer Console shows one: client id, client secret
 * and granted scopes. Register it with {@link ImsStandIn#register(TestOAuthCredentials)}. The generated
 * secret contains characters that need form encoding ({@code + / = & %}, a space, a non-ASCII letter), so a
 * client that does not encode its form is refused. Immutable and thread-safe.
 */
public final class TestOAuthCredentials {

    /** The scopes a credential for the OpenAPI-based AEM Assets and Folders APIs typically has. */
    public static final List<String> AEM_SCOPES = List.of("openid", "AdobeID", "aem.folders", "aem.assets.author");

    private final String clientId;
    private final String clientSecret;
    private final List<String> scopes;

    private TestOAuthCredentials(String clientId, String clientSecret, List<String> scopes) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.scopes = List.copyOf(scopes);
    }

    /**
     * A scope no real credential has, in every generated credential: its characters need encoding in a form,
     * so a client that sends it unencoded is refused. (Printable ASCII without ',', '"' or '\\', as
     * {@code aem.<env>.scopes} allows.)
     */
    public static final String ODD_SCOPE = "aem.test+&=%";

    /** {@return a new credential granted {@link #AEM_SCOPES} and {@link #ODD_SCOPE}} */
    public static TestOAuthCredentials generate() {
        List<String> scopes = new java.util.ArrayList<>(AEM_SCOPES);
        scopes.add(ODD_SCOPE);
        return generate(scopes);
    }

    /**
     * {@return a new credential granted {@code scopes}}
     *
     * @param scopes the scopes granted, at least one
     * @throws IllegalArgumentException when {@code scopes} is empty
     */
    public static TestOAuthCredentials generate(List<String> scopes) {
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a credential has at least one scope");
        }
        // the id is also the X-Api-Key header's value: characters a form encodes, but none a header cannot carry
        return new TestOAuthCredentials(TestCredentials.randomHex(16) + "+&=%",
                "p8e-" + TestCredentials.randomHex(16)
                + "+/=&% \u00e9", scopes);
    }

    /**
     * {@return the same credential under another client id (one a user typed, say)}
     *
     * @param clientId the client id, not blank
     * @throws IllegalArgumentException when {@code clientId} is blank
     */
    public TestOAuthCredentials withClientId(String clientId) {
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("a client id must not be blank");
        }
        return new TestOAuthCredentials(clientId.strip(), clientSecret, scopes);
    }

    /**
     * {@return the same client with another secret, as after a secret rotation in the Developer Console}
     *
     * @param secret the new secret
     */
    public TestOAuthCredentials withSecret(String secret) {
        return new TestOAuthCredentials(clientId, Objects.requireNonNull(secret), scopes);
    }

    /** {@return the client id, also the {@code X-Api-Key} AEM's OpenAPI-based APIs expect} */
    public String clientId() {
        return clientId;
    }

    /** {@return the client secret; in a real credential, a secret} */
    public String clientSecret() {
        return clientSecret;
    }

    /** {@return the scopes granted, in the order the Developer Console lists them} */
    public List<String> scopes() {
        return scopes;
    }

    /** {@return the scopes as {@code aem.<env>.scopes} takes them: comma-separated} */
    public String scopesText() {
        return String.join(",", scopes);
    }

    /**
     * Writes the client secret to {@code file} with a trailing newline, as secret stores mount it, readable by
     * its owner only (as {@link TestCredentials#writeTo(Path, String)} writes).
     *
     * @param file where to write it
     * @return {@code file}
     * @throws UncheckedIOException when it cannot be written
     */
    public Path writeSecretTo(Path file) {
        return TestCredentials.writeTo(file, clientSecret + "\n");
    }

    /**
     * {@return {@code aem.<environment>.client-id}, {@code client-secret} and {@code scopes}, for a properties map}
     *
     * @param environment the environment name
     */
    public Map<String, String> properties(String environment) {
        String prefix = "aem." + environment + ".";
        return Map.of(prefix + "client-id", clientId, prefix + "client-secret", clientSecret, prefix + "scopes",
                scopesText());
    }

    /** {@return the client id and scopes; never the secret} */
    @Override
    public String toString() {
        return "TestOAuthCredentials[clientId=" + clientId + ", scopes=" + scopesText() + "]";
    }
}
