package io.github.aemclient.cdi;

import io.github.aemclient.client.AemEnvironment;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import java.time.Clock;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

/**
 * Registers the readiness checks. Only called when the application sees MicroProfile Health: this class
 * is the one place the extension refers to it, so an application without it never loads this class.
 */
final class ReadinessChecks {

    static final String HEALTH_CHECK = "org.eclipse.microprofile.health.HealthCheck";

    private ReadinessChecks() {
    }

    static void register(AfterBeanDiscovery event, Set<String> environments, Function<String, AemEnvironment> aem) {
        for (String environment : environments) {
            event.addBean()
                    .id(AemClientExtension.class.getName() + ".Readiness." + environment)
                    .beanClass(SyntheticBeanArchive.class)
                    .types(HealthCheck.class, Object.class)
                    .qualifiers(Readiness.Literal.INSTANCE, Any.Literal.INSTANCE)
                    .scope(Dependent.class)
                    .createWith(context -> new AemReadinessCheck(environment, () -> aem.apply(environment),
                            Clock.systemUTC()));
        }
    }
}
