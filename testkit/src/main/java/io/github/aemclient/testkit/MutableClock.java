package io.github.aemclient.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock tests move by hand, so time-dependent behaviour is tested without sleeping. In UTC. Thread-safe:
 * a change is seen at once by every thread reading it.
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;

    private MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /**
     * {@return a clock standing at {@code start}}
     *
     * @param start the instant it shows until moved
     */
    public static MutableClock at(Instant start) {
        return new MutableClock(start);
    }

    /** {@return a clock standing at the real current time, truncated to the second} */
    public static MutableClock startingNow() {
        return new MutableClock(Instant.ofEpochSecond(Instant.now().getEpochSecond()));
    }

    /**
     * Moves the clock forward (or, with a negative duration, back).
     *
     * @param duration how far
     */
    public void advance(Duration duration) {
        now.updateAndGet(t -> t.plus(duration));
    }

    /**
     * Sets the clock to an instant.
     *
     * @param instant what it shows from now on
     */
    public void set(Instant instant) {
        now.set(instant);
    }

    /** {@return the instant it was last set or advanced to} */
    @Override
    public Instant instant() {
        return now.get();
    }

    /** {@return UTC} */
    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /**
     * Not supported.
     *
     * @param zone ignored
     * @return never
     * @throws UnsupportedOperationException always: the clock is UTC only
     */
    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("MutableClock is UTC only");
    }
}
