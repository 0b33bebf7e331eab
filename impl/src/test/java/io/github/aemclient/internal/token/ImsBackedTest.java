package io.github.aemclient.internal.token;

import io.github.aemclient.internal.credentials.ServiceCredentials;
import io.github.aemclient.internal.credentials.ServiceCredentialsReader;
import io.github.aemclient.internal.ims.ImsClient;
import io.github.aemclient.internal.jwt.JwtAssertionFactory;
import io.github.aemclient.support.CapturedLogs;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.MutableClock;
import io.github.aemclient.testkit.TestCredentials;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The token lifecycle against the strict IMS stand-in, with the stand-in and the code under test on one
 * clock, and the library's logging captured.
 */
abstract class ImsBackedTest {

    static final TestCredentials TEST = TestCredentials.generate();
    static final ServiceCredentials CREDENTIALS = ServiceCredentialsReader.fromJson(TEST.json(), "test");

    final MutableClock clock = MutableClock.startingNow();
    ImsStandIn ims;
    CapturedLogs logs;

    /** How long the stand-in's tokens live. */
    abstract Duration tokenLifetime();

    @BeforeEach
    void startIms() {
        ims = ImsStandIn.start().register(TEST).tokenLifetime(tokenLifetime()).clock(clock);
        logs = CapturedLogs.capture();
    }

    @AfterEach
    void stopIms() {
        logs.close();
        ims.close();
    }

    /** The service-credentials exchange against the stand-in, without retries. */
    ServiceTokenSource source(Duration readTimeout) {
        return new ServiceTokenSource(CREDENTIALS, new JwtAssertionFactory(CREDENTIALS, clock, Duration.ofMinutes(5)),
                new ImsClient(ims.url(), Duration.ofSeconds(2), readTimeout), clock);
    }
}
