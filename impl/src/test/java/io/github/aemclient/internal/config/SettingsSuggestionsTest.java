package io.github.aemclient.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The limits of what an unknown key's message shows and suggests. */
class SettingsSuggestionsTest {

    @Test
    void aFragmentOfThreeLettersInThreeSettingsSuggestsAllThree() {
        assertThat(Settings.closest("pas")).extracting(Setting::key)
                .containsExactlyInAnyOrder("password", "trust-store-password", "proxy-password");
    }

    @Test
    void anUnknownKeyIsShownWholeUpTo80Characters() {
        String eighty = "x".repeat(80);

        assertThatThrownBy(() -> Settings.require(eighty, "author")).hasMessageStartingWith(
                "Unknown AEM setting '" + eighty + "' for environment 'author'");
        assertThatThrownBy(() -> Settings.require(eighty + "y", "author")).hasMessageStartingWith(
                "Unknown AEM setting '" + eighty + "…' for environment 'author'");
    }
}
