package io.github.aemclient.it.payara;

import payaramicro.standin.PayaraMicroStandIn;

/** A stand-in server's stall in this project's code: its frame is in the thread dump. */
public final class HangingApplicationCode {

    private HangingApplicationCode() {
    }

    public static void hang() {
        PayaraMicroStandIn.stall();
    }
}
