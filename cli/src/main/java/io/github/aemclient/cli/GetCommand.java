package io.github.aemclient.cli;

import io.github.aemclient.client.AemEnvironment;
import io.github.aemclient.internal.config.Settings;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** An authenticated GET; the body goes to stdout unchanged. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Performs an authenticated GET of PATH on AEM and prints the response body.")
final class GetCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--url", required = true, paramLabel = "AEM_URL",
            description = "The AEM environment, e.g. https://author-p12345-e67890.adobeaemcloud.com")
    String url;

    @Parameters(index = "0", paramLabel = "PATH", description = "e.g. /content/wknd.json (a query string is kept)")
    String path;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    AemTokenCli cli;

    @Override
    public Integer call() {
        URI relative = URI.create(path.startsWith("/") ? path : "/" + path);
        if (relative.isAbsolute() || relative.getRawAuthority() != null) {
            throw new IllegalArgumentException("PATH must be a path on AEM such as /content/site.json, not a URL: "
                    + path);
        }
        Map<String, String> properties = connection.properties(cli.terminal());
        ConnectionOptions.put(properties, Settings.URL, url);
        try (AemEnvironment aem = AemEnvironment.fromProperties(OptionNames.ENVIRONMENT, properties)) {
            String base = aem.url().toString().replaceAll("/+$", "");
            URI target = URI.create(base + relative.toASCIIString());
            try (Response response = aem.client().target(target).request().get()) {
                if (response.getStatusInfo().getFamily() != Response.Status.Family.SUCCESSFUL) {
                    spec.commandLine().getErr().println("aem-token: AEM answered HTTP " + response.getStatus() + " "
                            + response.getStatusInfo().getReasonPhrase() + " for GET " + target + excerpt(response));
                    return AemTokenCli.REFUSED;
                }
                copy(response.readEntity(InputStream.class));
                return 0;
            }
        }
    }

    /** The start of AEM's error answer (it says why: "Api Key is required"), one line, at most 300 characters. */
    private static String excerpt(Response response) {
        try (InputStream body = response.readEntity(InputStream.class)) {
            String text = new String(body.readNBytes(300), java.nio.charset.StandardCharsets.UTF_8)
                    .replaceAll("\\p{Cntrl}+", " ").strip();
            return text.isEmpty() ? "" : ": " + text;
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private void copy(InputStream body) {
        spec.commandLine().getOut().flush();
        try (InputStream in = body) {
            // The body as it came, bytes not characters: the command's output writer would re-encode it.
            OutputStream out = cli.output();
            in.transferTo(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
