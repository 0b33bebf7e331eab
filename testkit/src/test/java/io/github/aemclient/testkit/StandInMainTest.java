package io.github.aemclient.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StandInMainTest {

    @Test
    void helpListsEveryOptionAndStartsNothing() throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            StandInMain.main(new String[] {"--help"});
        } finally {
            System.setOut(console);
        }

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("--ims-port", "--aem-port", "--out",
                "--token-lifetime", "--oauth-client-id", "every start writes", "new credentials")
                .doesNotContain("AEM_AUTHOR_URL");
    }
}
