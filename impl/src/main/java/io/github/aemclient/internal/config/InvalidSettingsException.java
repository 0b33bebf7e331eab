package io.github.aemclient.internal.config;

import io.github.aemclient.AemConfigurationException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every problem found in one environment's settings. Its message names properties (and their environment
 * variables); a front end with another vocabulary renders {@link #problems()} with {@link #render}.
 */
public final class InvalidSettingsException extends AemConfigurationException {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    InvalidSettingsException(String environment, List<ConfigProblem> problems) {
        this(problems, SettingNames.of(environment));
    }

    private InvalidSettingsException(List<ConfigProblem> problems, SettingNames names) {
        super(problems.get(0).source(names), render(problems, names),
                problems.size() == 1 ? problems.get(0).cause().orElse(null) : null);
        this.problems = List.copyOf(problems);
    }

    /** The problems, in the order found; empty after deserialization (a problem's message is code, not data). */
    public List<ConfigProblem> problems() {
        return problems == null ? List.of() : problems;
    }

    /** One problem's message alone; several as a list under a line saying how many. */
    public static String render(List<ConfigProblem> problems, SettingNames names) {
        if (problems.size() == 1) {
            return problems.get(0).message(names);
        }
        return names.problemsHeading(problems.size()) + "\n"
                + problems.stream().map(p -> "  - " + p.message(names)).collect(Collectors.joining("\n"));
    }

    /** The same problems, in another front end's vocabulary. */
    public String render(SettingNames names) {
        return problems().isEmpty() ? getMessage() : render(problems, names);
    }
}
