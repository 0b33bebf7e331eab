package io.github.aemclient.bench;

import io.github.aemclient.client.AemEnvironment;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.util.Comparator;
import java.util.List;

/** The request filters the library registers on an environment's client, in the order the client runs them. */
final class LibraryFilters {

    private LibraryFilters() {
    }

    /** All of them as one filter: what every request to AEM passes through. */
    static ClientRequestFilter of(AemEnvironment environment) {
        List<ClientRequestFilter> filters = environment.client().getConfiguration().getInstances().stream()
                .filter(ClientRequestFilter.class::isInstance).map(ClientRequestFilter.class::cast)
                .sorted(Comparator.comparingInt(LibraryFilters::priority)).toList();
        if (filters.size() != 3) {
            throw new IllegalStateException("Expected the snapshot, authentication and origin-guard filters, found "
                    + filters);
        }
        return request -> {
            for (ClientRequestFilter filter : filters) {
                filter.filter(request);
            }
        };
    }

    private static int priority(Object filter) {
        Priority priority = filter.getClass().getAnnotation(Priority.class);
        return priority == null ? Priorities.USER : priority.value();
    }
}
