package io.github.aemclient.internal.credentials;

import io.github.aemclient.AemConfigurationException;
import io.github.aemclient.internal.json.JsonFieldException;
import io.github.aemclient.internal.json.JsonFields;
import io.github.aemclient.internal.json.JsonSyntaxException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the service credentials JSON that the AEM Developer Console downloads: the whole envelope
 * ({@code {"ok":true,"integration":{...},"statusCode":200}}) or the bare {@code integration} object.
 * Unknown fields are ignored; every problem is an {@link AemConfigurationException} naming the JSON
 * path or the file.
 */
public final class ServiceCredentialsReader {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:\\d{1,5})?");
    private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9_.-]+");

    private ServiceCredentialsReader() {
    }

    public static ServiceCredentials fromFile(Path file) {
        String source = file.toString();
        return fromJson(SecretFiles.readText(file, "service credentials file"), source);
    }

    /**
     * @param source what the JSON came from (a file path, a property name), used in messages only
     */
    public static ServiceCredentials fromJson(String json, String source) {
        JsonFields root;
        try {
            root = JsonFields.parse(json);
        } catch (JsonSyntaxException e) {
            throw new AemConfigurationException(source, "The service credentials in " + source + " "
                    + e.getMessage() + "; download them again from the AEM Developer Console");
        }
        try {
            return read(integrationOf(root, source), source);
        } catch (JsonFieldException e) {
            throw new AemConfigurationException(e.path(), "The service credentials in " + source + " are invalid: "
                    + e.getMessage());
        }
    }

    private static JsonFields integrationOf(JsonFields root, String source) throws JsonFieldException {
        if (root.has("integration")) {
            if (root.raw("ok").filter(Boolean.FALSE::equals).isPresent()) {
                throw root.invalid("ok", "is false: the Developer Console did not return credentials");
            }
            return root.requireObject("integration");
        }
        if (root.has("imsEndpoint") || root.has("technicalAccount")) {
            return root;
        }
        if (root.has("accessToken")) {
            throw new DevelopmentTokenGiven(source);
        }
        throw new AemConfigurationException("integration", source + " is not AEM service credentials: it has"
                + " neither an 'integration' object nor the integration fields (imsEndpoint, technicalAccount, ...)");
    }

    private static ServiceCredentials read(JsonFields integration, String source) throws JsonFieldException {
        String imsEndpoint = integration.requireString("imsEndpoint").strip();
        if (!HOST.matcher(imsEndpoint).matches()) {
            throw integration.invalid("imsEndpoint", "must be a host name such as ims-na1.adobelogin.com"
                    + " (no scheme, no path)");
        }
        List<String> metascopes = metascopes(integration);
        JsonFields account = integration.requireObject("technicalAccount");
        String clientId = account.requireString("clientId").strip();
        String clientSecret = account.requireString("clientSecret");
        String id = integration.requireString("id").strip();
        String org = integration.requireString("org").strip();
        String privateKeyPem = integration.requireString("privateKey");

        RSAPrivateKey privateKey;
        try {
            privateKey = KeyMaterial.readPrivateKey(privateKeyPem);
        } catch (IllegalArgumentException e) {
            throw integration.invalid("privateKey", e.getMessage());
        }
        X509Certificate certificate = null;
        if (integration.optionalString("publicKey").filter(s -> !s.isBlank()).isPresent()) {
            try {
                certificate = KeyMaterial.readCertificate(integration.requireString("publicKey"));
            } catch (IllegalArgumentException e) {
                throw integration.invalid("publicKey", e.getMessage());
            }
            if (!KeyMaterial.belongTogether(privateKey, certificate)) {
                throw integration.invalid("privateKey", "does not match the certificate in "
                        + integration.pathOf("publicKey") + ": they come from different downloads");
            }
        }
        return new ServiceCredentials(source, imsEndpoint, metascopes, clientId, clientSecret, id, org,
                privateKey, certificate);
    }

    private static List<String> metascopes(JsonFields integration) throws JsonFieldException {
        Object raw = integration.raw("metascopes").orElseThrow(() -> integration.missing("metascopes"));
        List<String> scopes = new ArrayList<>();
        if (raw instanceof String commaSeparated) {
            for (String scope : commaSeparated.split(",")) {
                if (!scope.isBlank()) {
                    scopes.add(scope.strip());
                }
            }
        } else if (raw instanceof List<?> list) {
            for (Object element : list) {
                if (!(element instanceof String scope)) {
                    throw integration.invalid("metascopes", "must contain only strings");
                }
                if (!scope.isBlank()) {
                    scopes.add(scope.strip());
                }
            }
        } else {
            throw integration.invalid("metascopes", "must be a comma-separated string");
        }
        if (scopes.isEmpty()) {
            throw integration.invalid("metascopes", "is empty: at least one metascope is needed");
        }
        for (String scope : scopes) {
            if (!SCOPE.matcher(scope).matches()) {
                throw integration.invalid("metascopes", "contains an invalid metascope name '" + scope + "'");
            }
        }
        return scopes;
    }

    /**
     * Service credentials were expected and a local development token was given: the caller says which setting
     * takes it instead, in its own vocabulary.
     */
    public static final class DevelopmentTokenGiven extends AemConfigurationException {
        private static final long serialVersionUID = 1L;

        DevelopmentTokenGiven(String source) {
            super(source, source + " holds a local development token, not service credentials");
        }
    }
}
