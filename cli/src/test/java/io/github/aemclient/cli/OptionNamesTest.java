package io.github.aemclient.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aemclient.AemConfigurationException;
import io.github.aemclient.ImsException;
import org.junit.jupiter.api.Test;

class OptionNamesTest {

    @Test
    void libraryPropertyNamesBecomeTheOptionsTheUserTyped() {
        assertThat(OptionNames.translate("aem.cli.credentials-file: The service credentials file /x does not exist"))
                .isEqualTo("--credentials: The service credentials file /x does not exist");
        assertThat(OptionNames.translate("aem.cli.url is plain http to aem.example.com"))
                .isEqualTo("--url is plain http to aem.example.com");
        assertThat(OptionNames.translate("Obtaining an access token for environment 'cli' failed"))
                .isEqualTo("Obtaining an access token for this command failed");
    }

    @Test
    void badInputExitsWith2AndRefusalsWith1() {
        assertThat(AemTokenCli.exitCodeOf(new AemConfigurationException("x", "m"))).isEqualTo(2);
        assertThat(AemTokenCli.exitCodeOf(new IllegalArgumentException("m"))).isEqualTo(2);
        assertThat(AemTokenCli.exitCodeOf(new ImsException("m", 400, "invalid_client", "d"))).isEqualTo(1);
    }
}
