package io.github.aemclient.internal.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Authenticator;
import java.net.InetAddress;
import java.net.PasswordAuthentication;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** The proxy's credentials go to the proxy alone, however a client spells its address. */
class ProxySettingsTest {

    @Test
    void anAddressLiteralMatchesHoweverAClientSpellsIt() {
        ProxySettings v6 = new ProxySettings("::1", 3128, "u", "p");
        assertThat(v6.isProxy("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(v6.isProxy("::1")).isTrue();
        assertThat(v6.isProxy("::2")).isFalse();
        assertThat(v6.isProxy("127.0.0.1")).isFalse();
        assertThat(v6.isProxy(null)).isFalse();
        ProxySettings named = new ProxySettings("Proxy.Corp.Example", 3128, "u", "p");
        assertThat(named.isProxy("proxy.corp.example")).isTrue();
        assertThat(named.isProxy("proxy.corp.example.evil")).isFalse();
        assertThat(named.isProxy("10.0.0.1")).as("no lookup of a name").isFalse();
        assertThat(new ProxySettings("localhost", 3128, "u", "p").isProxy("127.0.0.1"))
                .as("a name is not resolved to compare it").isFalse();
    }

    @Test
    void theAuthenticatorAnswersOnlyTheProxyAtItsPortAsAProxy() throws Exception {
        Authenticator authenticator = new ProxySettings("::1", 3128, "user", "secret").authenticator().orElseThrow();
        InetAddress loopback = InetAddress.getByName("::1");
        URL url = new URL("https://aem.example.com/");
        PasswordAuthentication asProxy = authenticator.requestPasswordAuthenticationInstance("0:0:0:0:0:0:0:1",
                loopback, 3128, "http", "realm", "Basic", url, Authenticator.RequestorType.PROXY);
        assertThat(asProxy).isNotNull();
        assertThat(asProxy.getUserName()).isEqualTo("user");
        assertThat(authenticator.requestPasswordAuthenticationInstance("0:0:0:0:0:0:0:1", loopback, 3129, "http",
                "realm", "Basic", url, Authenticator.RequestorType.PROXY)).as("another port").isNull();
        assertThat(authenticator.requestPasswordAuthenticationInstance("aem.example.com", null, 443, "https",
                "realm", "Basic", url, Authenticator.RequestorType.SERVER)).as("a server").isNull();
        assertThat(new ProxySettings("proxy", 1, null, null).authenticator()).isEmpty();
        java.util.concurrent.atomic.AtomicInteger given = new java.util.concurrent.atomic.AtomicInteger();
        Authenticator counting = new ProxySettings("::1", 3128, "user", "secret").authenticator(given::incrementAndGet)
                .orElseThrow();
        counting.requestPasswordAuthenticationInstance("aem.example.com", null, 443, "https", "realm", "Basic", url,
                Authenticator.RequestorType.SERVER);
        assertThat(given).as("not told when nothing is given").hasValue(0);
        counting.requestPasswordAuthenticationInstance("::1", loopback, 3128, "http", "realm", "Basic", url,
                Authenticator.RequestorType.PROXY);
        assertThat(given).as("told when the credentials are handed out").hasValue(1);
        assertThat(new ProxySettings("proxy", 1, "user", "secret")).hasToString("proxy:1 as user (password <redacted>)");
    }
}
