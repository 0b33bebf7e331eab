package io.github.aemclient.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a deployment's stack trace shows below the configuration error: the one cause there is, or none. */
class InvalidSettingsExceptionTest {

    private static final IOException UNREADABLE = new IOException("Input/output error");

    private static ConfigProblem unreadable(Setting<?> setting, Throwable cause) {
        return new ConfigProblem(setting, ConfigProblem.Kind.UNUSABLE_CONTENT, n -> n.of(setting) + " cannot be read",
                "/etc/aem/author.json", cause);
    }

    @Test
    void theOnlyProblemsCauseIsTheExceptionsCause() {
        ConfigProblem problem = unreadable(Settings.CREDENTIALS_FILE, UNREADABLE);

        InvalidSettingsException e = new InvalidSettingsException("author", List.of(problem));

        assertThat(problem.cause()).containsSame(UNREADABLE);
        assertThat(e.getCause()).isSameAs(UNREADABLE);
        assertThat(e.source()).isEqualTo("/etc/aem/author.json");
    }

    /** Which of several causes would be the one is arbitrary, so none is; each problem keeps its own. */
    @Test
    void severalProblemsGiveNoSingleCause() {
        IOException other = new IOException("Stale file handle");
        ConfigProblem first = unreadable(Settings.CREDENTIALS_FILE, UNREADABLE);
        ConfigProblem second = unreadable(Settings.URL, other);

        InvalidSettingsException e = new InvalidSettingsException("author", List.of(first, second));

        assertThat(e.getCause()).isNull();
        assertThat(e.problems()).extracting(p -> p.cause().orElseThrow()).containsExactly(UNREADABLE, other);
    }

    @Test
    void aProblemWithoutCauseGivesNone() {
        InvalidSettingsException e = new InvalidSettingsException("author", List.of(unreadable(Settings.URL, null)));

        assertThat(e.getCause()).isNull();
    }
}
