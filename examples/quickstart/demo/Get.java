import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** java Get.java URL: prints the status and body of a GET (the demo's curl, needing only Java). */
public class Get {
    public static void main(String[] args) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(args[0])).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.println("HTTP " + response.statusCode() + "  " + response.body().strip());
        System.exit(response.statusCode() == 200 ? 0 : 1);
    }
}
