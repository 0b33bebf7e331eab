package io.github.aemclient.internal.ims;

import io.github.aemclient.ImsException;
import io.github.aemclient.internal.json.JsonFieldException;
import io.github.aemclient.internal.json.JsonFields;
import io.github.aemclient.internal.json.JsonSyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns IMS's answer to {@code /ims/exchange/jwt} or {@code /ims/token/v3} into a token or an
 * {@link ImsException}: {@code {"token_type":"bearer","access_token":...,"expires_in":<n>}} on success
 * ({@code n} in the flow's unit, see {@link ImsFlow}),
 * {@code {"error":...,"error_description":...}} on failure, anything else named with its status and a
 * short, sanitized excerpt of the body — except a 200 answer, whose body is never quoted: however
 * malformed, it may carry an access token.
 */
final class ImsResponseReader {

    /** IMS tokens live 24 h; a longer lifetime means the unit was misread or the answer is not IMS's. */
    static final Duration MAX_LIFETIME = Duration.ofDays(7);
    private static final int EXCERPT_CHARS = 200;
    /** A token_type longer than this, or not a plain word, is not quoted: it could be the token itself. */
    private static final Pattern QUOTABLE_TOKEN_TYPE = Pattern.compile("[A-Za-z_-]{1,16}");

    private ImsResponseReader() {
    }

    static ImsTokenResponse read(int status, String body, Duration retryAfter, List<String> secrets) {
        return read(status, body, retryAfter, secrets, ImsFlow.JWT_EXCHANGE);
    }

    static ImsTokenResponse read(int status, String body, Duration retryAfter, List<String> secrets, ImsFlow flow) {
        if (status == 200) {
            return readSuccess(status, body, secrets, flow);
        }
        throw readError(status, body, retryAfter, secrets, flow);
    }

    private static ImsTokenResponse readSuccess(int status, String body, List<String> secrets, ImsFlow flow) {
        JsonFields json;
        try {
            json = JsonFields.parse(body);
        } catch (JsonSyntaxException e) {
            throw unexpected(status, "its body " + e.getMessage() + "; the body (" + shape(body) + ") is not quoted: a"
                    + " 200 answer may carry an access token", null, secrets);
        }
        try {
            Optional<String> tokenType = json.optionalString("token_type");
            if (tokenType.isPresent() && !"bearer".equalsIgnoreCase(tokenType.get())) {
                String type = tokenType.get();
                throw unexpected(status, QUOTABLE_TOKEN_TYPE.matcher(type).matches()
                        ? "token_type is '" + type + "', not 'bearer'"
                        : "token_type is not 'bearer' (" + type.length() + " characters, not quoted)", null, secrets);
            }
            String accessToken = json.requireString("access_token");
            long expiresIn = json.requireWholeNumber("expires_in");
            long max = MAX_LIFETIME.toMillis() / flow.expiresInUnit().getDuration().toMillis();
            if (expiresIn <= 0 || expiresIn > max) {
                throw unexpected(status, "expires_in is " + expiresIn + " " + flow.unitSymbol() + ", outside 1 "
                        + flow.unitSymbol() + " to " + MAX_LIFETIME.toDays() + " days", null, secrets);
            }
            return new ImsTokenResponse(accessToken, Duration.of(expiresIn, flow.expiresInUnit()));
        } catch (JsonFieldException e) {
            throw unexpected(status, e.getMessage(), null, secrets);
        }
    }

    private static ImsException readError(int status, String body, Duration retryAfter, List<String> secrets,
            ImsFlow flow) {
        try {
            JsonFields json = JsonFields.parse(body);
            Optional<String> error = json.optionalString("error");
            if (error.isPresent()) {
                String code = excerpt(error.get(), secrets);
                String description = json.optionalString("error_description").map(d -> excerpt(d, secrets))
                        .orElse(null);
                StringBuilder message = new StringBuilder("IMS refused the token exchange: HTTP ").append(status)
                        .append(' ').append(code);
                if (description != null) {
                    message.append(" (").append(description).append(')');
                }
                String hint = flow.hint(code);
                if (hint != null) {
                    message.append(": ").append(hint);
                }
                return new ImsException(message.toString(), status, code, description, retryAfter);
            }
        } catch (JsonSyntaxException | JsonFieldException e) {
            // Not IMS's error shape: reported below with the raw body.
        }
        return unexpected(status, "no IMS error in the body", body, retryAfter, secrets);
    }

    /**
     * An answer whose body was larger than the client reads. An {@link ImsException} carrying the status,
     * not an {@code ImsUnavailableException}: a server did answer, and as for any other answer that is not
     * IMS's, its status decides what happens next — a 5xx or 429 is retried within the retry budget, another
     * 4xx is a configuration error, a 200 is neither and is not retried.
     */
    static ImsException tooLarge(int status, int limit, Duration retryAfter) {
        return unexpected(status, "its body is larger than " + limit + " bytes and was not read further; IMS's"
                + " answers are under 4 KiB, so this is not IMS answering (check aem.<env>.ims-url and any proxy)", null, retryAfter, List.of());
    }

    private static ImsException unexpected(int status, String problem, String body, List<String> secrets) {
        return unexpected(status, problem, body, null, secrets);
    }

    private static ImsException unexpected(int status, String problem, String body, Duration retryAfter,
            List<String> secrets) {
        String message = "IMS answered HTTP " + status + " with an unexpected response: " + problem
                + (body == null ? "" : "; body: " + (body.isEmpty() ? "<empty>" : "\"" + excerpt(body, secrets) + "\""));
        return new ImsException(message, status, null, null, retryAfter);
    }

    /** The size and first character of a body that must not be quoted, e.g. "507 characters starting with '<'". */
    static String shape(String body) {
        String text = body.strip();
        if (text.isEmpty()) {
            return body.length() + " characters of white space";
        }
        char first = text.charAt(0);
        // Only structural characters are named: a token's first characters are not shown.
        return body.length() + " characters " + ("{[<\"".indexOf(first) >= 0 ? "starting with '" + first + "'"
                : "starting with neither '{' nor '<'");
    }

    /** At most 200 printable characters, with any secret we sent masked in case the server echoes it. */
    static String excerpt(String text, List<String> secrets) {
        String masked = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                masked = masked.replace(secret, "<redacted>");
            }
        }
        String printable = masked.replaceAll("\\p{Cntrl}+", " ").strip();
        return printable.length() <= EXCERPT_CHARS ? printable : printable.substring(0, EXCERPT_CHARS) + "...";
    }
}
