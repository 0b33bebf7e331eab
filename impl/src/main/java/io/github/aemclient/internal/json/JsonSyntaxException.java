package io.github.aemclient.internal.json;

/**
 * A text is not the JSON object it should be. The message gives the position only: the parser's own
 * message can quote a value, and values here are often secrets.
 */
public final class JsonSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    JsonSyntaxException(String message) {
        super(message);
    }
}
