package io.github.aemclient.cdi;

import io.github.aemclient.testkit.AemStandIn;
import io.github.aemclient.testkit.ImsStandIn;
import io.github.aemclient.testkit.TestCredentials;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SysPropConfigSource;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.json.Json;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Weld SE with the extension, the stand-ins, and configuration from system properties only. */
abstract class CdiTestSupport {

    static final TestCredentials AUTHOR = TestCredentials.generate();
    static final TestCredentials PUBLISH = TestCredentials.generate();
    static ImsStandIn ims;
    static AemStandIn aem;

    @TempDir
    static Path dir;

    final Map<String, String> properties = new HashMap<>();
    WeldContainer container;

    @BeforeAll
    static void startStandIns() {
        ims = ImsStandIn.start().register(AUTHOR).register(PUBLISH);
        aem = AemStandIn.start(ims);
    }

    @AfterAll
    static void stopStandIns() {
        aem.close();
        ims.close();
    }

    /**
     * Configuration from system properties only, the way these tests set it: the environment variables of
     * whoever runs the build (an AEM_AUTHOR_TOKEN_FILE in a developer's shell, say) must not reach the tests.
     * Built afresh for every test, since smallrye-config lists property names once per Config.
     */
    @BeforeEach
    void isolateConfiguration() {
        releaseConfiguration();
        ConfigProviderResolver.instance().registerConfig(new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new SysPropConfigSource(), new RestClientDefaults()).build(), Thread.currentThread().getContextClassLoader());
    }

    static void releaseConfiguration() {
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.releaseConfig(resolver.getConfig(Thread.currentThread().getContextClassLoader()));
    }

    @AfterEach
    void stop() {
        if (container != null && container.isRunning()) {
            container.close();
        }
        properties.keySet().forEach(System::clearProperty);
        releaseConfiguration();
    }

    void configure(String key, String value) {
        properties.put(key, value);
        System.setProperty(key, value);
    }

    void service(String environment, TestCredentials credentials) {
        configure("aem." + environment + ".url", aem.url().toString());
        configure("aem." + environment + ".credentials-file",
                credentials.writeTo(dir.resolve(environment + ".json")).toString());
        configure("aem." + environment + ".ims-url", ims.url().toString());
    }

    /** Weld SE loads no service-file extensions with discovery disabled, so the extension is added here. */
    WeldContainer start(Class<?>... beans) {
        return start(new Extension[0], beans);
    }

    WeldContainer start(Extension[] others, Class<?>... beans) {
        Weld weld = new Weld().disableDiscovery().addExtension(new AemClientExtension()).addBeanClasses(beans)
                .addBeanClass(Nothing.class);
        for (Extension other : others) {
            weld.addExtension(other);
        }
        container = weld.initialize();
        return container;
    }

    static String principal(String json) {
        return Json.createReader(new StringReader(json)).readObject().getString("principal");
    }


    /** Weld SE refuses to start without a bean; an application with no beans of its own still has this one. */
    @jakarta.enterprise.context.Dependent
    static class Nothing {
    }
}
