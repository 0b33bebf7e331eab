package io.github.aemclient.it.payara;

import fish.payara.arquillian.container.payara.managed.PayaraMicroContainerExtension;
import fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Puts {@link ProcessCaringPayaraMicroContainer} in the place of the Payara Micro adapter's own container, which its
 * extension ({@link PayaraMicroContainerExtension}) registers.
 */
public final class PayaraMicroProcessHandling implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.override(DeployableContainer.class, PayaraMicroDeployableContainer.class,
                ProcessCaringPayaraMicroContainer.class);
    }
}
