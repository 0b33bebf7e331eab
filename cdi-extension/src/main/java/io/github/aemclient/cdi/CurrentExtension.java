package io.github.aemclient.cdi;

import java.util.Optional;

/**
 * The application's {@link AemClientExtension}, looked up once and kept while it runs. The lookup
 * ({@code CDI.current()}, then JNDI on Payara) costs an exception and a naming lookup there, and a
 * Rest Client is built per injection; and it fails on threads that reach neither, which a kept extension
 * no longer depends on. Looked up again once the kept one has shut down (a new container on the same
 * class loader, as in tests).
 */
final class CurrentExtension {

    private volatile AemClientExtension known;

    Optional<AemClientExtension> get() {
        AemClientExtension extension = known;
        if (extension != null && extension.isRunning()) {
            return Optional.of(extension);
        }
        Optional<AemClientExtension> found = AemClientExtension.current();
        found.ifPresent(running -> known = running);
        return found;
    }
}
