package io.github.aemclient.cdi;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Vetoed;

/**
 * The bean class of every bean the extension adds. A container files a synthetic bean under the bean
 * archive that holds its bean class, and WildFly knows that archive only for classes it discovered: for
 * an undiscovered class (the extension itself) it makes up an archive of its own, which the application
 * sees but its MicroProfile Health does not, so the readiness checks were missing from
 * {@code /health/ready}. This class is discovered (a bean-defining annotation, in this jar's annotated-mode
 * {@code beans.xml}) and vetoed, so it never becomes a bean itself.
 */
@Vetoed
@Dependent
final class SyntheticBeanArchive {

    private SyntheticBeanArchive() {
    }
}
