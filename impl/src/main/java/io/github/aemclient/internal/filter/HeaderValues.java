package io.github.aemclient.internal.filter;

import jakarta.ws.rs.client.ClientRequestContext;
import java.util.List;

/** Taking one value off a request's header. */
final class HeaderValues {

    private HeaderValues() {
    }

    /**
     * Removes from header {@code name} every value that holds {@code value}: the value itself, a copy a filter put
     * back, or one a filter made by joining it with others (the whole value goes: what it carries is the
     * library's). The header goes when no value is left.
     *
     * @return whether any value held it
     */
    static boolean remove(ClientRequestContext request, String name, Object value) {
        List<Object> values = request.getHeaders().get(name);
        if (value == null || values == null) {
            return false;
        }
        String text = value.toString();
        if (!values.removeIf(v -> v != null && v.toString().contains(text))) {
            return false;
        }
        if (values.isEmpty()) {
            request.getHeaders().remove(name);
        }
        return true;
    }
}
