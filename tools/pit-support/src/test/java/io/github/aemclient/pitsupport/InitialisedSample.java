package io.github.aemclient.pitsupport;

/** Records that its static initialiser ran (see SkipTestBodiesWhilePitListsTestsTest). */
final class InitialisedSample {

    static {
        ListedSample.RAN.add("InitialisedSample initialised");
    }

    private InitialisedSample() {
    }
}
