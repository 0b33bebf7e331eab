package io.github.aemclient.internal.json;

/** A JSON field is missing or has the wrong type; {@link #path()} names it, e.g. {@code integration.org}. */
public final class JsonFieldException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String path;

    JsonFieldException(String path, String problem) {
        super(path + " " + problem);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
