package io.github.aemclient.pitsupport;

/** A class whose static initialiser fails, as one needing what the class path lacks does. */
final class FailingInitialiserSample {

    static final Object NEEDED = fail();

    private FailingInitialiserSample() {
    }

    private static Object fail() {
        throw new IllegalStateException("not on this class path");
    }
}
