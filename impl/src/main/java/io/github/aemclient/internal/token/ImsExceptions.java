package io.github.aemclient.internal.token;

import io.github.aemclient.ImsException;

/** IMS's refusal with context added to its message; status, IMS's codes and cause kept. */
final class ImsExceptions {

    private ImsExceptions() {
    }

    static ImsException withMessage(ImsException e, String message) {
        ImsException copy = new ImsException(message, e.status(), e.error().orElse(null),
                e.errorDescription().orElse(null), e.retryAfter().orElse(null));
        if (e.getCause() != null) {
            copy.initCause(e.getCause());
        }
        return copy;
    }
}
