package io.github.aemclient.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.spi.RestClientListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What an undeployment removes from RESTEasy's static Rest Client listener cache (class loader → listeners):
 * exactly the entries that hold this library's listener, whatever else they or other entries hold.
 */
class RestClientListenerCacheTest {

    private final List<ClassLoader> added = new ArrayList<>();

    @AfterEach
    void removeWhatWasAdded() throws ReflectiveOperationException {
        Map<ClassLoader, Collection<RestClientListener>> map = cache();
        added.forEach(map::remove);
    }

    @Test
    void onlyTheEntriesHoldingTheLibrarysListenerAreRemovedAndCounted() throws ReflectiveOperationException {
        ClassLoader ours = entry(new AemRestClientListener());
        ClassLoader oursAmongOthers = entry(new OtherListener(), null, new AemRestClientListener());
        ClassLoader others = entry(new OtherListener());
        ClassLoader nullsOnly = entry((RestClientListener) null);
        ClassLoader empty = entry();

        int removed = RestClientListenerCache.release(getClass().getClassLoader(), AemRestClientListener.class);

        assertThat(removed).isEqualTo(2);
        assertThat(cache()).doesNotContainKeys(ours, oursAmongOthers).containsKeys(others, nullsOnly, empty);
    }

    @Test
    void nothingHoldingTheListenerRemovesNothing() throws ReflectiveOperationException {
        ClassLoader others = entry(new OtherListener());

        assertThat(RestClientListenerCache.release(getClass().getClassLoader(), AemRestClientListener.class)).isZero();
        assertThat(cache()).containsKey(others);
    }

    @Test
    void aClassLoaderThatSeesNoRestClientHasNothingToRelease() throws ReflectiveOperationException {
        ClassLoader ours = entry(new AemRestClientListener());
        ClassLoader bootOnly = new ClassLoader(null) { };

        assertThat(RestClientListenerCache.release(bootOnly, AemRestClientListener.class)).isZero();
        assertThat(cache()).containsKey(ours);
    }

    private ClassLoader entry(RestClientListener... listeners) throws ReflectiveOperationException {
        ClassLoader key = new ClassLoader(getClass().getClassLoader()) { };
        cache().put(key, new ArrayList<>(Arrays.asList(listeners)));
        added.add(key);
        return key;
    }

    @SuppressWarnings("unchecked")
    private static Map<ClassLoader, Collection<RestClientListener>> cache() throws ReflectiveOperationException {
        Field field = Class.forName(RestClientListenerCache.RESTEASY_LISTENERS).getDeclaredField("map");
        field.setAccessible(true);
        return (Map<ClassLoader, Collection<RestClientListener>>) field.get(null);
    }

    /** Another library's listener. */
    static final class OtherListener implements RestClientListener {
        @Override
        public void onNewClient(Class<?> serviceInterface, RestClientBuilder builder) {
        }
    }
}
