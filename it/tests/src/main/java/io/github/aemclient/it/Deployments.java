package io.github.aemclient.it;

import io.github.aemclient.testkit.ConnectProxy;
import io.github.aemclient.testkit.TestCredentials;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * WARs shaped like a user's application: the library and its dependencies in WEB-INF/lib (as Maven
 * packages them), the application's classes with annotated bean discovery and no beans.xml, and
 * configuration in META-INF/microprofile-config.properties.
 */
final class Deployments {

    private Deployments() {
    }

    static WebArchive war(String name, Map<String, String> config, Class<?>... classes) {
        createServerTempDirectory();
        File[] libraries = new File(System.getProperty("it.war-lib", "target/war-lib")).listFiles();
        if (libraries == null || libraries.length == 0) {
            throw new IllegalStateException("No library jars in target/war-lib: run through Maven (mvn verify)");
        }
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(classes)
                .addAsLibraries(libraries)
                .addAsResource(new StringAsset(properties(config)), "META-INF/microprofile-config.properties");
    }

    /**
     * The three settings of a service-credentials environment against the stand-ins: its URL, its
     * credentials (written to {@code file}) and where its tokens come from.
     */
    static void service(Map<String, String> config, String environment, URI aemUrl, TestCredentials credentials,
            Path file, URI imsUrl) {
        config.put("aem." + environment + ".url", aemUrl.toString());
        config.put("aem." + environment + ".credentials-file", credentials.writeTo(file).toString());
        config.put("aem." + environment + ".ims-url", imsUrl.toString());
    }

    /** The environment reaches IMS and AEM through {@code proxy}, authenticating with {@code user} and {@code password}. */
    static void proxy(Map<String, String> config, String environment, ConnectProxy proxy, String user, String password) {
        config.put("aem." + environment + ".proxy-address", proxy.address());
        config.put("aem." + environment + ".proxy-user", user);
        config.put("aem." + environment + ".proxy-password", password);
    }

    /** Servers are started with -Djava.io.tmpdir inside target/ (arquillian.xml) and fail without it. */
    private static void createServerTempDirectory() {
        try {
            Files.createDirectories(Path.of(System.getProperty("it.server.tmpdir", "target/server-tmp")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String properties(Map<String, String> config) {
        Properties properties = new Properties();
        properties.putAll(config);
        StringWriter text = new StringWriter();
        try {
            properties.store(text, "aem-client integration test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
