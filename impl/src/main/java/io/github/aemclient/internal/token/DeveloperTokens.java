package io.github.aemclient.internal.token;

import io.github.aemclient.AccessToken;
import io.github.aemclient.AemConfigurationException;
import io.github.aemclient.internal.json.JsonFieldException;
import io.github.aemclient.internal.json.JsonFields;
import io.github.aemclient.internal.json.JsonSyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Reads a local development token as the Developer Console gives it: the raw token, or the JSON
 * {@code {"ok":true,"statusCode":200,"accessToken":"..."}}. Its lifetime comes from the token's own
 * claims, {@code created_at} + {@code expires_in} (milliseconds, as numbers or strings).
 */
final class DeveloperTokens {

    /** 9999-12-31T23:59:59.999Z: no real token lives this long; beyond it the claims are not milliseconds. */
    static final long LATEST_EXPIRY_MILLIS = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

    private DeveloperTokens() {
    }

    /**
     * @param source where the text came from (a property, a file), for messages
     */
    static AccessToken parse(String text, String source) {
        String token = extractToken(text.strip(), source);
        JsonFields claims = claimsOf(token, source);
        try {
            long createdAt = claims.requireWholeNumber("created_at");
            long expiresIn = claims.requireWholeNumber("expires_in");
            if (createdAt < 0) {
                throw claims.invalid("created_at", "is negative: it should be milliseconds since 1970");
            }
            if (expiresIn <= 0) {
                throw claims.invalid("expires_in", "is not positive");
            }
            // Checked here, not left to long overflow or Instant arithmetic: their exceptions would not
            // name the token's source.
            if (expiresIn > LATEST_EXPIRY_MILLIS - createdAt) {
                throw claims.invalid("created_at + expires_in", "is after the year 9999: they should be"
                        + " milliseconds");
            }
            return new AccessToken(token, Instant.ofEpochMilli(createdAt), Instant.ofEpochMilli(createdAt + expiresIn));
        } catch (JsonFieldException e) {
            throw new AemConfigurationException(source, "The local development token in " + source
                    + " cannot be used: its claim " + e.getMessage()
                    + " (is this an AEM local development token?)");
        }
    }

    private static String extractToken(String text, String source) {
        if (text.isEmpty()) {
            throw new AemConfigurationException(source, "The local development token in " + source + " is empty");
        }
        if (text.startsWith("{") || text.startsWith("\uFEFF")) {
            try {
                JsonFields json = JsonFields.parse(text);
                if (json.has("integration")) {
                    throw new AemConfigurationException(source, source + " holds service credentials, not a local"
                            + " development token: configure it as the service credentials file instead (aem.<env>.credentials-file;"
                            + " --credentials in aem-token)");
                }
                if (json.raw("ok").filter(Boolean.FALSE::equals).isPresent()) {
                    throw new AemConfigurationException(source, "The local development token JSON in " + source
                            + " says ok=false: the Developer Console did not issue a token");
                }
                return json.requireString("accessToken").strip();
            } catch (JsonSyntaxException e) {
                throw new AemConfigurationException(source, "The local development token JSON in " + source + " "
                        + e.getMessage());
            } catch (JsonFieldException e) {
                throw new AemConfigurationException(source, "The local development token JSON in " + source + ": "
                        + e.getMessage());
            }
        }
        String token = text.regionMatches(true, 0, "Bearer ", 0, 7) ? text.substring(7).strip() : text;
        if (token.chars().anyMatch(Character::isWhitespace)) {
            throw new AemConfigurationException(source, "The local development token in " + source
                    + " contains whitespace: paste the token alone, or the Developer Console's JSON");
        }
        return token;
    }

    private static JsonFields claimsOf(String token, String source) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[1].isEmpty()) {
            throw new AemConfigurationException(source, "The local development token in " + source
                    + " is not a JWT (it should have three dot-separated parts); copy it again from the AEM"
                    + " Developer Console (Integrations > Local token)");
        }
        try {
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            return JsonFields.parse(payload);
        } catch (IllegalArgumentException | JsonSyntaxException e) {
            throw new AemConfigurationException(source, "The local development token in " + source
                    + " is damaged: its claims cannot be read");
        }
    }
}
