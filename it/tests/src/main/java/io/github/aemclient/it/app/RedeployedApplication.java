package io.github.aemclient.it.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

/** The application deployed and undeployed over and over: it notes its class loader when it starts. */
@ApplicationScoped
public class RedeployedApplication {

    void started(@Observes @Initialized(ApplicationScoped.class) Object started) {
        DeploymentRegistry.register(RedeployedApplication.class);
    }
}
