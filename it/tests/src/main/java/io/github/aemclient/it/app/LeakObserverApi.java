package io.github.aemclient.it.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The observer application: deployed once, beside the redeployed ones, without the library. */
@ApplicationPath("observer")
public class LeakObserverApi extends Application {
}
