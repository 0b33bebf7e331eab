package io.github.aemclient.internal.token;

import java.time.Instant;
import java.util.Optional;

/**
 * What a token provider holds right now, for health checks: read without obtaining anything.
 *
 * @param validUntil the expiry of the token it would hand out now, if it holds one it may use
 * @param lastFailure the last failure to obtain one, if no success came after it
 * @param lastFailureAt when that failure happened
 */
public record TokenState(Optional<Instant> validUntil, Optional<Throwable> lastFailure, Optional<Instant> lastFailureAt) {
}
