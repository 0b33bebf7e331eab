package io.github.aemclient.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.github.aemclient.AemConfigurationException;
import io.github.aemclient.client.AuthMode;
import io.github.aemclient.support.CapturedLogs;
import io.github.aemclient.testkit.TestCredentials;
import io.github.aemclient.testkit.TestCredentials.JsonEdit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvironmentSettingsReaderTest {

    static final TestCredentials TEST = TestCredentials.generate();
    static final String AEM = "https://author-p123-e456.adobeaemcloud.com";

    @TempDir
    static Path dir;
    static Path credentialsFile;

    @BeforeAll
    static void writeCredentials() {
        credentialsFile = TEST.writeTo(dir.resolve("author.json"));
    }

    final Map<String, String> properties = new HashMap<>();

    EnvironmentSettings read() {
        return EnvironmentSettingsReader.read("author", PropertyLookup.of(properties));
    }

    EnvironmentSettingsReaderTest set(String key, String value) {
        properties.put("aem.author." + key, value);
        return this;
    }

    void assertProblem(String property, String message) {
        assertThatThrownBy(this::read)
                .isInstanceOfSatisfying(AemConfigurationException.class, e -> assertThat(e.source()).isEqualTo(property))
                .hasMessageContaining(message);
    }

    @Test
    void serviceModeFollowsFromACredentialsFileWithDefaults() {
        set("url", AEM).set("credentials-file", credentialsFile.toString());

        EnvironmentSettings settings = read();

        assertThat(settings.mode()).isEqualTo(AuthMode.SERVICE);
        assertThat(settings.url()).hasValueSatisfying(u -> assertThat(u).hasToString(AEM));
        assertThat(settings.credentials()).hasValueSatisfying(c -> assertThat(c.clientId()).isEqualTo(TEST.clientId()));
        assertThat(settings.imsUrl()).hasValueSatisfying(u -> assertThat(u).hasToString("https://ims-na1.adobelogin.com"));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.jwtLifetime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.eager()).isFalse();
        assertThat(settings.toString()).doesNotContain(TEST.clientSecret()).contains(credentialsFile.toString());
    }

    @Test
    void inlineCredentialsAndOverridesAreRead() {
        set("url", AEM).set("credentials", TEST.json()).set("ims-url", "http://127.0.0.1:8999")
                .set("connect-timeout", "2s").set("read-timeout", "PT15S").set("jwt-lifetime", "10m")
                .set("refresh-ratio", "0.75").set("expiry-margin", "1m").set("refresh-retry-interval", "500ms")
                .set("eager", "true");

        EnvironmentSettings settings = read();

        assertThat(settings.imsUrl()).hasValueSatisfying(u -> assertThat(u).hasToString("http://127.0.0.1:8999"));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.jwtLifetime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.refreshPolicy().retryInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.eager()).isTrue();
    }

    @Test
    void callersWaitForAnotherThreadsRenewalTheRetryBudgetPlusOneAttemptsTimeoutsAndASecond() {
        set("url", AEM).set("credentials-file", credentialsFile.toString()).set("retry-max-duration", "7s")
                .set("connect-timeout", "2s").set("read-timeout", "3s");

        assertThat(EnvironmentAuthentication.longestWaitForARenewal(read())).isEqualTo(Duration.ofSeconds(13));
    }

    @Test
    void environmentVariablesWorkAsMicroProfileConfigMapsThem() {
        Map<String, String> env = Map.of("AEM_AUTHOR_URL", AEM, "AEM_AUTHOR_CREDENTIALS_FILE", credentialsFile.toString());

        EnvironmentSettings settings = EnvironmentSettingsReader.read("author", PropertyLookup.systemAndEnvironment(env));

        assertThat(settings.mode()).isEqualTo(AuthMode.SERVICE);
    }

    @Test
    void developerAndBasicAndNoneModes() {
        set("url", AEM).set("token", "x.y.z");
        assertThat(read().mode()).isEqualTo(AuthMode.DEVELOPER);

        properties.clear();
        set("url", "http://localhost:4502").set("username", "admin").set("password", "admin");
        assertThat(read().mode()).isEqualTo(AuthMode.BASIC);

        properties.clear();
        set("url", "http://localhost:4502");
        assertThat(read().mode()).isEqualTo(AuthMode.NONE);

        properties.clear();
        set("url", "https://publish-p1-e2.adobeaemcloud.com").set("mode", "none");
        assertThat(read().mode()).isEqualTo(AuthMode.NONE);
    }

    @Test
    void theUrlIsRequiredButNotForTokenOnlyUse() {
        set("credentials-file", credentialsFile.toString());

        assertProblem("aem.author.url", "aem.author.url is missing (environment variable AEM_AUTHOR_URL)");
        assertThat(EnvironmentSettingsReader.readForTokensOnly("author", PropertyLookup.of(properties)).url()).isEmpty();
    }

    @Test
    void twoKindsOfCredentialsConflictNamingBoth() {
        set("url", AEM).set("credentials-file", credentialsFile.toString()).set("token-file", "/tmp/t");

        assertProblem("aem.author.credentials-file",
                "aem.author.credentials-file and aem.author.token-file are all set; keep one kind");
    }

    @Test
    void fileAndInlineOfOneKindConflictNamingBoth() {
        set("url", AEM).set("credentials-file", credentialsFile.toString()).set("credentials", TEST.json());
        assertProblem("aem.author.credentials-file", "Both aem.author.credentials-file and aem.author.credentials are set");

        properties.clear();
        set("url", AEM).set("token-file", "/tmp/t").set("token", "x.y.z");
        assertProblem("aem.author.token-file", "Both aem.author.token-file and aem.author.token are set");
    }

    @Test
    void anExplicitModeMustMatchWhatIsSet() {
        set("url", AEM).set("mode", "developer").set("credentials-file", credentialsFile.toString());

        assertThatThrownBy(this::read).hasMessageContaining(
                "aem.author.mode is 'developer' but aem.author.credentials-file is also set");
    }

    @Test
    void noCredentialsForARemoteUrlIsAnError() {
        set("url", AEM);

        assertProblem("aem.author.credentials-file", "No credentials are configured for environment 'author'");
        assertThatThrownBy(this::read).hasMessageContaining("AEM_AUTHOR_CREDENTIALS_FILE, AEM_AUTHOR_CLIENT_ID, AEM_AUTHOR_TOKEN_FILE, AEM_AUTHOR_MODE");
    }

    @Test
    void plainHttpToARemoteHostIsRefusedWhenCredentialsWouldTravel() {
        set("url", "http://author.example.com").set("credentials-file", credentialsFile.toString());
        assertProblem("aem.author.url", "aem.author.url is plain http to author.example.com: the access token would"
                + " cross the network unencrypted");

        properties.clear();
        set("url", AEM).set("credentials-file", credentialsFile.toString()).set("ims-url", "http://ims.example.com");
        assertProblem("aem.author.ims-url", "the client secret would cross the network unencrypted");

        properties.clear();
        set("url", "http://publish.example.com").set("mode", "none");
        assertThat(read().mode()).isEqualTo(AuthMode.NONE);
    }

    @Test
    void plainHttpToARemoteHostNeedsTheLoudOptOutAndIsWarnedAboutEveryTime() {
        set("url", "http://aem.internal.example").set("credentials-file", credentialsFile.toString())
                .set("allow-insecure-http", "true");

        try (CapturedLogs logs = CapturedLogs.capture()) {
            assertThat(read().mode()).isEqualTo(AuthMode.SERVICE);
            assertThat(logs.messages(Level.WARNING)).singleElement().asString()
                    .startsWith("INSECURE: aem.author.url is plain http to aem.internal.example and"
                            + " aem.author.allow-insecure-http=true");
        }
    }

    @Test
    void retrySettings() {
        set("url", AEM).set("credentials-file", credentialsFile.toString()).set("retry-max-attempts", "2")
                .set("retry-max-duration", "5s");

        assertThat(read().retryPolicy().maxAttempts()).isEqualTo(2);
        assertThat(read().retryPolicy().maxDuration()).isEqualTo(Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "url|ftp://x|aem.author.url must be an http(s) URL with a host",
        "url|https://|aem.author.url is not a valid URL",
        "url|https://user:pw@host|aem.author.url must not contain user info",
        "url|https://host/?q=1|aem.author.url must not have a query or fragment",
        "mode|sso|aem.author.mode is 'sso'; allowed: service, oauth, developer, basic, none",
        "connect-timeout|-5s|aem.author.connect-timeout '-5s' is not a duration",
        "connect-timeout|0|aem.author.connect-timeout is 0; it must be from 1ms to 10m",
        "read-timeout|PT-1S|aem.author.read-timeout is PT-1S; it must be from",
        "read-timeout|soon|aem.author.read-timeout 'soon' is not a duration",
        "jwt-lifetime|2d|aem.author.jwt-lifetime is 2d; it must be from 10s to 24h",
        "refresh-ratio|1.5|aem.author.refresh-ratio is '1.5'; use a number from 0.1 to 0.9",
        "refresh-ratio|half|aem.author.refresh-ratio is 'half'",
        "expiry-margin|2h|aem.author.expiry-margin is 2h",
        "eager|yes|aem.author.eager is 'yes'; use true or false",
        "retry-max-attempts|11|aem.author.retry-max-attempts is '11'; use a whole number from 1 to 10",
        "retry-max-duration|1h|aem.author.retry-max-duration is 1h",
        "allow-insecure-http|sure|aem.author.allow-insecure-http is 'sure'; use true or false"
    })
    void badValuesAreNamedWithTheirProperty(String key, String value, String message) {
        set("url", AEM).set("credentials-file", credentialsFile.toString()).set(key, value);

        assertProblem("aem.author." + key, message);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        set("url", "nope").set("credentials-file", credentialsFile.toString()).set("read-timeout", "-1")
                .set("refresh-ratio", "2");

        assertThatThrownBy(this::read)
                .hasMessageContaining("AEM environment 'author' has 3 configuration problems")
                .hasMessageContaining("aem.author.url").hasMessageContaining("aem.author.read-timeout")
                .hasMessageContaining("aem.author.refresh-ratio");
    }

    @Test
    void aBadCredentialsFileNamesThePropertyTheFileAndTheField() {
        Path broken = TestCredentials.writeTo(dir.resolve("broken.json"),
                TEST.json(i -> JsonEdit.remove(i, "technicalAccount.clientId")));
        set("url", AEM).set("credentials-file", broken.toString());

        assertProblem("integration.technicalAccount.clientId", "aem.author.credentials-file: The service credentials in "
                + broken + " are invalid: integration.technicalAccount.clientId is missing");
    }

    @Test
    void basicAuthNeedsBothHalves() {
        set("url", "http://localhost:4502").set("username", "admin");
        assertProblem("aem.author.password", "aem.author.password is missing (aem.author.username is set)");

        properties.clear();
        set("url", "http://localhost:4502").set("password", "admin");
        assertProblem("aem.author.username", "aem.author.username is missing");
    }

    @Test
    void blankValuesCountAsAbsent() {
        set("url", AEM).set("credentials-file", credentialsFile.toString()).set("token", "  ");

        assertThat(read().mode()).isEqualTo(AuthMode.SERVICE);
    }

    @Test
    void environmentNamesMustFitIntoPropertyNames() {
        assertThatThrownBy(() -> EnvironmentSettingsReader.read("my env", PropertyLookup.of(Map.of())))
                .hasMessageContaining("Invalid AEM environment name 'my env'");
    }

    @Test
    void problemsAreStructuredAndEachFrontEndRendersThemInItsOwnVocabulary() {
        set("url", "ftp://x").set("read-timeout", "soon").set("credentials-file", credentialsFile.toString())
                .set("token", "t");

        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class, this::read);

        assertThat(e.problems()).extracting(ConfigProblem::key, ConfigProblem::kind).containsExactlyInAnyOrder(
                tuple("url", ConfigProblem.Kind.INVALID), tuple("read-timeout", ConfigProblem.Kind.INVALID),
                tuple("credentials-file", ConfigProblem.Kind.CONFLICT));
        assertThat(e.getMessage()).startsWith("AEM environment 'author' has 3 configuration problems:")
                .contains("aem.author.url must be an http(s) URL").contains("aem.author.read-timeout 'soon'")
                .contains("aem.author.credentials-file and aem.author.token are all set; keep one kind (or set"
                        + " aem.author.mode)");
        SettingNames options = new SettingNames() {
            @Override
            public Optional<String> name(Setting<?> setting) {
                return setting == Settings.MODE ? Optional.empty() : Optional.of("--" + setting.key());
            }

            @Override
            public Optional<String> environmentVariable(Setting<?> setting) {
                return Optional.empty();
            }

            @Override
            public String subject() {
                return "this run";
            }

            @Override
            public String problemsHeading(int count) {
                return count + " things to fix:";
            }
        };
        assertThat(e.render(options)).startsWith("3 things to fix:").contains("--url must be an http(s) URL")
                .contains("Conflicting credentials for this run: --credentials-file and --token are all set; keep"
                        + " one kind\n")
                .doesNotContain("aem.author").doesNotContain("mode");
    }

    @Test
    void aProblemInTheCredentialsFileKeepsTheJsonFieldAsItsSource() {
        set("url", AEM).set("credentials", "{\"integration\":{}}");

        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class, this::read);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.setting()).containsSame(Settings.CREDENTIALS);
            assertThat(p.kind()).isEqualTo(ConfigProblem.Kind.UNUSABLE_CONTENT);
            assertThat(p.contentSource()).hasValueSatisfying(source -> assertThat(source).startsWith("integration."));
        });
        assertThat(e.source()).startsWith("integration.");
        assertThat(e.getMessage()).startsWith("aem.author.credentials: ");
    }

    @Test
    void aMistypedPropertyInTheEnvironmentsNamespaceIsReportedNotIgnored() {
        set("url", AEM).set("credential-file", credentialsFile.toString()).set("read-timout", "5s");
        properties.put("aem.publish.whatever", "not this environment's");
        properties.put("aem.authorx.url", "another environment");

        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class, this::read);

        assertThat(e.problems()).extracting(ConfigProblem::key, ConfigProblem::kind).contains(
                tuple("credential-file", ConfigProblem.Kind.UNKNOWN_SETTING),
                tuple("read-timout", ConfigProblem.Kind.UNKNOWN_SETTING));
        assertThat(e.getMessage())
                .contains("aem.author.credential-file is not an AEM setting; did you mean 'credentials-file'?")
                .contains("aem.author.read-timout is not an AEM setting; did you mean 'read-timeout'?")
                .doesNotContain("aem.publish").doesNotContain("aem.authorx");
        assertThat(e.problems()).filteredOn(p -> p.kind() == ConfigProblem.Kind.UNKNOWN_SETTING)
                .allSatisfy(p -> assertThat(p.setting()).isEmpty());
    }

    @Test
    void aSourceThatCannotListItsNamesIsNotCheckedForUnknownOnes() {
        set("url", AEM).set("credentials-file", credentialsFile.toString()).set("colour", "blue");

        PropertyLookup unlisted = name -> java.util.Optional.ofNullable(properties.get(name));
        EnvironmentSettings settings = EnvironmentSettingsReader.read("author", unlisted);

        assertThat(settings.mode()).isEqualTo(AuthMode.SERVICE);
    }
}
