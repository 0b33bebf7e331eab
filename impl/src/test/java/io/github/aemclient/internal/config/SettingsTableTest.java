package io.github.aemclient.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * README.md's configuration table is the one {@link Settings} declares. After changing a declaration, run
 * {@code mvn -B -pl impl -am test -Dtest=SettingsTableTest -DfailIfNoTests=false -Dsurefire.failIfNoSpecifiedTests=false -Daem.readme.update=true} to rewrite it.
 */
class SettingsTableTest {

    static final Path README = Path.of("..", "README.md");

    @Test
    void theReadmeTableIsTheOneTheDeclarationsRender() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int begin = readme.indexOf(SettingsTable.BEGIN);
        int end = readme.indexOf(SettingsTable.END);
        assertThat(begin).as("README.md has the generated-table markers").isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String current = readme.substring(begin + SettingsTable.BEGIN.length(), end).strip();
        String rendered = SettingsTable.markdown().strip();
        if (Boolean.getBoolean("aem.readme.update") && !current.equals(rendered)) {
            Files.writeString(README, readme.substring(0, begin + SettingsTable.BEGIN.length()) + "\n" + rendered
                    + "\n" + readme.substring(end), StandardCharsets.UTF_8);
            current = rendered;
        }
        assertThat(current).as("README.md's settings table; regenerate it with -Daem.readme.update=true")
                .isEqualTo(rendered);
    }

    @Test
    void everySettingIsDocumentedAndEveryRangeShown() {
        for (Setting<?> setting : Settings.all()) {
            assertThat(setting.description()).as(setting.key()).isNotBlank().endsWith(".").doesNotContain("|");
            setting.defaultValue().ifPresent(value -> assertThat(setting.allowed()).as(setting.key()).isNotEmpty());
        }
    }
}
