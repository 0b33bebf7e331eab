package io.github.aemclient.internal.credentials;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One PEM block: its label ({@code RSA PRIVATE KEY}, {@code CERTIFICATE}, ...), headers and DER bytes.
 * Accepts {@code \r\n} or {@code \n} line ends and the literal {@code \r\n}/{@code \n} escapes that
 * secret stores and copy-paste through shells often leave behind (base64 never contains a backslash,
 * so undoing them cannot change a valid key).
 */
final class Pem {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    final String label;
    final String headers;
    final byte[] der;

    private Pem(String label, String headers, byte[] der) {
        this.label = label;
        this.headers = headers;
        this.der = der;
    }

    /**
     * @throws IllegalArgumentException with a message fit for the user (no key material quoted)
     */
    static Pem parse(String text) {
        String normalized = text.replace("\\r\\n", "\n").replace("\\n", "\n").replace("\\r", "\n")
                .replace("\r\n", "\n").replace('\r', '\n');
        Matcher matcher = BLOCK.matcher(normalized);
        if (!matcher.find()) {
            if (normalized.contains("-----BEGIN")) {
                throw new IllegalArgumentException("is a damaged PEM block (its -----END ...----- line is missing"
                        + " or does not match the -----BEGIN ...----- line)");
            }
            throw new IllegalArgumentException("is not in PEM format (no -----BEGIN ...----- line)");
        }
        String label = matcher.group(1);
        String body = matcher.group(2);
        StringBuilder headers = new StringBuilder();
        StringBuilder base64 = new StringBuilder();
        for (String line : body.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.contains(":")) {
                headers.append(trimmed).append('\n');
            } else {
                base64.append(trimmed.replaceAll("\\s+", ""));
            }
        }
        if (base64.length() == 0) {
            throw new IllegalArgumentException("is an empty PEM block (" + label + ")");
        }
        try {
            return new Pem(label, headers.toString(), Base64.getDecoder().decode(base64.toString()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is a damaged PEM block (" + label + "): its base64 content is invalid");
        }
    }
}
