package payaramicro.standin;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;

import io.github.aemclient.it.payara.HangingApplicationCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Stands in for payara-micro.jar where the adapter's handling of the server process is tested: it starts, stalls,
 * stalls in this project's code or will not stop, as the system property {@code standin.behaviour} says, and counts
 * its starts in the file {@code standin.starts}. Outside this project's packages, like Payara Micro's own code.
 */
public final class PayaraMicroStandIn {

    private PayaraMicroStandIn() {
    }

    public static void main(String[] args) throws IOException {
        Path starts = Path.of(System.getProperty("standin.starts"));
        Files.writeString(starts, ProcessHandle.current().pid() + "\n", CREATE, APPEND);
        boolean firstStart = Files.readAllLines(starts).size() == 1;
        List<String> arguments = Arrays.asList(args);
        Path war = Path.of(arguments.get(arguments.indexOf("--deploy") + 1));
        String application = war.getFileName().toString().replaceFirst("\\.war$", "");
        switch (System.getProperty("standin.behaviour")) {
            case "start" -> printInstanceConfiguration(application);
            case "start-printing-slowly" -> {
                // the adapter looks for the configuration every 200 ms from 1.5 s on: it sees only its first lines
                String configuration = instanceConfiguration(application);
                int split = configuration.indexOf("\"Instance Name\"");
                System.out.print(configuration.substring(0, split));
                System.out.flush();
                pause(3_000);
                System.out.println(configuration.substring(split));
            }
            case "stall" -> stall();
            case "stall-first" -> {
                if (firstStart) {
                    stall();
                }
                printInstanceConfiguration(application);
            }
            case "stall-in-project-code" -> HangingApplicationCode.hang();
            case "stall-deploying" -> {
                // what Payara Micro prints when CDI starts for the application
                System.out.println("[2026-12-01T00:00:00.000+0000] [] [INFO] [] [org.jboss.weld.Version] "
                        + "WELD-000900: 5.1.6 (Final)");
                stall();
            }
            case "start-ignoring-stop" -> {
                Runtime.getRuntime().addShutdownHook(new Thread(PayaraMicroStandIn::stall));
                printInstanceConfiguration(application);
            }
            case "exit" -> System.exit(3);
            default -> throw new IllegalArgumentException(System.getProperty("standin.behaviour"));
        }
        // a started server runs until it is stopped
        stall();
    }

    /** What Payara Micro 6 prints once started, in the shape the adapter looks for. */
    private static void printInstanceConfiguration(String application) {
        System.out.println(instanceConfiguration(application));
    }

    private static String instanceConfiguration(String application) {
        return "[2026-12-01T00:00:00.000+0000] [] [INFO] [] [PayaraMicro] [[\n"
                + "  {\n"
                + "    \"Instance Configuration\": {\n"
                + "        \"Host\": \"127.0.0.1\",\n"
                + "        \"Http Port(s)\": \"8415\",\n"
                + "        \"Https Port(s)\": \"\",\n"
                + "        \"Instance Name\": \"Stand-In\",\n"
                + "        \"Deployed\": [\n"
                + "            {\n"
                + "                \"Name\": \"" + application + "\",\n"
                + "                \"Type\": \"war\",\n"
                + "                \"Context Root\": \"/" + application + "\",\n"
                + "                \"Mappings\": {\n"
                + "                    \"/api/*\": \"StandInServlet\"\n"
                + "                }\n"
                + "            }\n"
                + "        ]\n"
                + "    }\n"
                + "}]]\n"
                + "Payara Micro stand-in ready";
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    public static void stall() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
