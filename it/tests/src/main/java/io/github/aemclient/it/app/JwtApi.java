package io.github.aemclient.it.app;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * An application that authenticates its own callers with MicroProfile JWT, as many AEM front-ends do. A bean
 * (application scoped) so that servers discovering beans by annotation, as here without beans.xml, see its
 * {@code @LoginConfig} (Payara does not enable MicroProfile JWT otherwise).
 */
@ApplicationPath("api")
@ApplicationScoped
@LoginConfig(authMethod = "MP-JWT", realmName = "aem-it")
@DeclareRoles("aem-reader")
public class JwtApi extends Application {
}
