package io.github.aemclient.internal.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OriginTest {

    static final Origin AEM = Origin.of(URI.create("https://author-p1-e2.adobeaemcloud.com"));

    @ParameterizedTest
    @ValueSource(strings = {
        "https://author-p1-e2.adobeaemcloud.com/content.json",
        "https://AUTHOR-P1-E2.adobeaemcloud.com:443/x?y=1",
        "https://author-p1-e2.adobeaemcloud.com./x",
        "HTTPS://author-p1-e2.adobeaemcloud.com/x"
    })
    void sameSchemeHostAndPortMatch(String url) {
        assertThat(AEM.matches(URI.create(url))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://author-p1-e2.adobeaemcloud.com/content.json",
        "http://author-p1-e2.adobeaemcloud.com:443/content.json",
        "https://author-p1-e2.adobeaemcloud.com:80/x",
        "https://author-p1-e2.adobeaemcloud.com:8443/x",
        "https://publish-p1-e2.adobeaemcloud.com/x",
        "https://author-p1-e2.adobeaemcloud.com.evil.example/x",
        "https://evil.example/?u=https://author-p1-e2.adobeaemcloud.com",
        "mailto:someone@author-p1-e2.adobeaemcloud.com"
    })
    void anyOtherOriginDoesNot(String url) {
        assertThat(AEM.matches(URI.create(url))).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "http://localhost:4502, true",
        "http://127.0.0.1:4502, true",
        "http://127.1.2.3, true",
        "http://[::1]:4502, true",
        "http://aem.localhost, true",
        "http://127.0.0.1.example.com, false",
        "http://localhost.example.com, false",
        "http://10.0.0.5, false"
    })
    void loopbackIsRecognised(String url, boolean loopback) {
        assertThat(Origin.of(URI.create(url)).isLoopback()).isEqualTo(loopback);
    }

    @Test
    void originsAreEqualBySchemeHostAndPortAndShowThem() {
        Origin aem = Origin.of(URI.create("https://Author.Example.com/content"));

        assertThat(aem).isEqualTo(Origin.of(URI.create("https://author.example.com:443/x")))
                .hasSameHashCodeAs(Origin.of(URI.create("https://author.example.com:443/x")))
                .isNotEqualTo(Origin.of(URI.create("http://author.example.com:443")))
                .isNotEqualTo(Origin.of(URI.create("https://other.example.com")))
                .isNotEqualTo(Origin.of(URI.create("https://author.example.com:8443")))
                .isNotEqualTo("https://author.example.com:443");
        assertThat(aem.hashCode()).isNotEqualTo(Origin.of(URI.create("https://other.example.com")).hashCode());
        assertThat(aem).hasToString("https://author.example.com:443");
        assertThat(Origin.of(URI.create("http://[::1]:4502"))).hasToString("http://[::1]:4502");
    }

    @Test
    void aSchemeWithoutADefaultPortMatchesOnlyItsOwnPort() {
        Origin ftp = Origin.of(URI.create("ftp://files.example.com"));

        assertThat(ftp.matches(URI.create("ftp://files.example.com/x"))).isTrue();
        assertThat(ftp.matches(URI.create("ftp://files.example.com:80/x"))).isFalse();
    }

    @Test
    void anOriginGivenWithItsDefaultPortMatchesUrlsWithout() {
        Origin explicit = Origin.of(URI.create("http://aem.example.com:80"));

        assertThat(explicit.matches(URI.create("http://aem.example.com/x"))).isTrue();
        assertThat(explicit.matches(URI.create("https://aem.example.com:80/x"))).isFalse();
    }

    /** What a log line names of a request's URI: where it went, never its path or query. */
    @Test
    void aUriIsDescribedByItsOriginAlone() {
        assertThat(Origin.describe(URI.create("https://gateway.example/content/x.json?sig=s3cret"))).isEqualTo(
                "https://gateway.example");
        assertThat(Origin.describe(URI.create("http://127.0.0.1:8080/a#b"))).isEqualTo("http://127.0.0.1:8080");
        assertThat(Origin.describe(URI.create("https://user:pw@my_gw.internal:8443/x"))).as("a host URI cannot parse")
                .isEqualTo("https://my_gw.internal:8443");
    }
}
