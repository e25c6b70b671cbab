package dev.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerSettingsTest {

    @TempDir
    Path workingDirectory;

    @Test
    void defaultsToLocalhost8080WithoutToken() {
        // when
        ServerSettings settings = ServerSettings.resolve(null, null, environment(Map.of()));

        // then
        assertThat(settings.baseUrl()).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(settings.token()).isEmpty();
    }

    @Test
    void takesUrlAndTokenFromTheEnvironment() {
        // given
        CliEnvironment environment = environment(Map.of(
                "COUNTERSIGN_URL", "https://countersign.example.com/",
                "COUNTERSIGN_API_TOKEN", "env-token"));

        // when
        ServerSettings settings = ServerSettings.resolve(null, null, environment);

        // then
        assertThat(settings.baseUrl()).isEqualTo(URI.create("https://countersign.example.com"));
        assertThat(settings.token()).hasValue("env-token");
    }

    @Test
    void optionsOverrideTheEnvironment() {
        // given
        CliEnvironment environment = environment(Map.of(
                "COUNTERSIGN_URL", "https://countersign.example.com",
                "COUNTERSIGN_API_TOKEN", "env-token"));

        // when
        ServerSettings settings = ServerSettings.resolve("http://127.0.0.1:9090", "option-token", environment);

        // then
        assertThat(settings.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:9090"));
        assertThat(settings.token()).hasValue("option-token");
    }

    @Test
    void readsTheTokenTheServerGeneratedFromTheDefaultDataDirectory() throws IOException {
        // given
        Files.createDirectories(workingDirectory.resolve("data"));
        Files.writeString(workingDirectory.resolve("data/api-token"), "generated-token\n");

        // when
        ServerSettings settings = ServerSettings.resolve(null, null, environment(Map.of()));

        // then
        assertThat(settings.token()).hasValue("generated-token");
    }

    @Test
    void readsTheTokenFileFromCountersignDataDir() throws IOException {
        // given
        Path dataDirectory = Files.createDirectories(workingDirectory.resolve("elsewhere"));
        Files.writeString(dataDirectory.resolve("api-token"), "elsewhere-token");
        CliEnvironment environment = environment(Map.of("COUNTERSIGN_DATA_DIR", "elsewhere"));

        // when
        ServerSettings settings = ServerSettings.resolve(null, null, environment);

        // then
        assertThat(settings.token()).hasValue("elsewhere-token");
    }

    @Test
    void prefersTheEnvironmentTokenToTheTokenFile() throws IOException {
        // given
        Files.createDirectories(workingDirectory.resolve("data"));
        Files.writeString(workingDirectory.resolve("data/api-token"), "file-token");

        // when
        ServerSettings settings =
                ServerSettings.resolve(null, null, environment(Map.of("COUNTERSIGN_API_TOKEN", "env-token")));

        // then
        assertThat(settings.token()).hasValue("env-token");
    }

    @Test
    void ignoresBlankVariablesAndAnEmptyTokenFile() throws IOException {
        // given
        Files.createDirectories(workingDirectory.resolve("data"));
        Files.writeString(workingDirectory.resolve("data/api-token"), "  \n");
        CliEnvironment environment = environment(Map.of("COUNTERSIGN_URL", " ", "COUNTERSIGN_API_TOKEN", ""));

        // when
        ServerSettings settings = ServerSettings.resolve(null, null, environment);

        // then
        assertThat(settings.baseUrl()).isEqualTo(URI.create(ServerSettings.DEFAULT_URL));
        assertThat(settings.token()).isEmpty();
    }

    @Test
    void refusesAUrlThatIsNotHttpAsAConfigurationError() {
        // given
        CliEnvironment environment = environment(Map.of("COUNTERSIGN_URL", "localhost:8080"));

        // when / then
        assertThatThrownBy(() -> ServerSettings.resolve(null, null, environment))
                .isInstanceOf(CliFailure.class)
                .hasMessageContaining("COUNTERSIGN_URL 'localhost:8080' is not a server URL")
                .extracting(failure -> ((CliFailure) failure).exitCode())
                .isEqualTo(ExitCode.USAGE_ERROR);
    }

    @Test
    void neverShowsTheToken() {
        // given
        ServerSettings settings = ServerSettings.resolve(null, "s3cret-token", environment(Map.of()));

        // when
        String shown = settings + " " + settings.describeTokenSource();

        // then
        assertThat(shown).doesNotContain("s3cret-token").contains("--token");
    }

    private CliEnvironment environment(Map<String, String> variables) {
        return new CliEnvironment(variables, workingDirectory);
    }
}
