package io.github.aemclient.internal.token;

import java.time.Duration;

/** Waits between retries; tests substitute one that moves a clock instead. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    static Sleeper threadSleep() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
