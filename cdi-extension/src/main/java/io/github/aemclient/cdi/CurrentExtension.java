package io.github.aemclient.cdi;

import java.util.Optional;

/**
 * The application's {@link AemClientExtension}: {@code CDI.current()}'s when it answers (cheap where it
 * works, and right when several containers share a class loader); otherwise the one found before, while
 * it runs; otherwise JNDI's {@code java:comp/BeanManager}. On Payara {@code CDI.current()} never sees the
 * extension from this jar: the JNDI lookup is then made once, not per Rest Client, and a thread without
 * a naming context still finds the extension once it has been found.
 */
final class CurrentExtension {

    private volatile AemClientExtension known;

    Optional<AemClientExtension> get() {
        Optional<AemClientExtension> current = AemClientExtension.fromCdi();
        if (current.isPresent()) {
            return remember(current);
        }
        AemClientExtension extension = known;
        if (extension != null && extension.isRunning()) {
            return Optional.of(extension);
        }
        return remember(AemClientExtension.fromJndi());
    }

    private Optional<AemClientExtension> remember(Optional<AemClientExtension> found) {
        found.ifPresent(running -> known = running);
        return found;
    }
}
