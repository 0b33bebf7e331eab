import java.util.stream.Collectors;

/**
 * Prints the names (never the values) of the environment variables MicroProfile Config would read as
 * {@code aem.*} settings — {@code AEM_*}, in any case — comma-separated, for surefire's and failsafe's
 * {@code excludedEnvironmentVariables} (the parent pom runs it at {@code initialize}): the variables of whoever
 * runs the build must not reach the code under test, the servers or the CLI. Prints a name that is never set
 * when there are none, so that the parameter always has a value.
 */
public final class CallerAemVariables {

    public static void main(String[] args) {
        String names = System.getenv().keySet().stream()
                .filter(name -> name.regionMatches(true, 0, "AEM_", 0, 4))
                .sorted()
                .collect(Collectors.joining(","));
        System.out.print(names.isEmpty() ? "AEM_CLIENT_NO_CALLER_VARIABLE" : names);
    }
}
