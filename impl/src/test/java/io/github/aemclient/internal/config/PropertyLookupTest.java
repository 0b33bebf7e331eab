package io.github.aemclient.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Plain Java's lookup, as MicroProfile Config finds a property: a system property first, then the environment
 * variable of the exact name, then with every other character than letters and digits made {@code _}, then that
 * in upper case ({@code aem.author.read-timeout} → {@code AEM_AUTHOR_READ_TIMEOUT}).
 */
class PropertyLookupTest {

    static final Map<String, String> ENVIRONMENT = Map.of(
            "aem.plt.url", "exact",
            "aem_plt_url", "sanitized, unused",
            "AEM_PLT_URL", "upper case, unused",
            "aem_plt_read_timeout", "sanitized",
            "AEM_PLT_READ_TIMEOUT", "upper case, unused",
            "AEM_PLT_CONNECT_TIMEOUT", "upper case");

    @Test
    void theEnvironmentIsSearchedInMicroProfileConfigsOrder() {
        PropertyLookup lookup = PropertyLookup.systemAndEnvironment(ENVIRONMENT);

        assertThat(lookup.raw("aem.plt.url")).contains("exact");
        assertThat(lookup.raw("aem.plt.read-timeout")).contains("sanitized");
        assertThat(lookup.raw("aem.plt.connect-timeout")).contains("upper case");
        assertThat(lookup.raw("aem.plt.eager")).isEmpty();
        assertThat(lookup.apply("aem.plt.url")).as("as a configuration function").contains("exact");
    }

    @Test
    void aSystemPropertyComesFirstAndOnlySystemPropertiesAreListed() {
        PropertyLookup lookup = PropertyLookup.systemAndEnvironment(ENVIRONMENT);
        System.setProperty("aem.plt.url", "system");
        try {
            assertThat(lookup.raw("aem.plt.url")).contains("system");
            assertThat(lookup.names()).hasValueSatisfying(names -> assertThat(names).contains("aem.plt.url")
                    .doesNotContain("AEM_PLT_CONNECT_TIMEOUT", "aem_plt_read_timeout"));
        } finally {
            System.clearProperty("aem.plt.url");
        }
    }
}
