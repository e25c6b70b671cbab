package dev.countersign.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BenchTargetTest {

    @TempDir
    Path workingDirectory;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://approvals.example.com",
                "http://10.0.0.7:8080",
                "https://localhost:8443",
                "http://localhost.example.com"
            })
    void refusesAnyServerThatIsNotPlainHttpOnThisMachine(String url) {
        // when / then
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BenchTarget.resolve(url, "t", Map.of(), workingDirectory))
                .withMessageContaining("only loads a server on this machine");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080", "http://127.0.0.1:18080/", "http://[::1]:8080"})
    void acceptsLocalAddresses(String url) {
        // when
        BenchTarget target = BenchTarget.resolve(url, "t", Map.of(), workingDirectory);

        // then
        assertThat(target.baseUrl().toString()).doesNotEndWith("/");
    }

    @Test
    void optionsWinOverTheEnvironment() {
        // given
        Map<String, String> environment =
                Map.of("COUNTERSIGN_URL", "http://127.0.0.1:9999", "COUNTERSIGN_API_TOKEN", "from-environment");

        // when
        BenchTarget target =
                BenchTarget.resolve("http://localhost:18080", "from-option", environment, workingDirectory);

        // then
        assertThat(target).isEqualTo(new BenchTarget(URI.create("http://localhost:18080"), "from-option"));
    }

    @Test
    void theEnvironmentWinsOverTheDefaults() {
        // given
        Map<String, String> environment =
                Map.of("COUNTERSIGN_URL", "http://127.0.0.1:9999", "COUNTERSIGN_API_TOKEN", "from-environment");

        // when
        BenchTarget target = BenchTarget.resolve(null, null, environment, workingDirectory);

        // then
        assertThat(target).isEqualTo(new BenchTarget(URI.create("http://127.0.0.1:9999"), "from-environment"));
    }

    @Test
    void fallsBackToTheTokenFileTheServerWrites() throws IOException {
        // given
        Files.createDirectories(workingDirectory.resolve("data"));
        Files.writeString(workingDirectory.resolve("data/api-token"), "from-file\n");

        // when
        BenchTarget target = BenchTarget.resolve(null, null, Map.of(), workingDirectory);

        // then
        assertThat(target).isEqualTo(new BenchTarget(URI.create(BenchTarget.DEFAULT_URL), "from-file"));
    }

    @Test
    void saysWhereATokenCanComeFromWhenThereIsNone() {
        // when / then
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BenchTarget.resolve(null, null, Map.of(), workingDirectory))
                .withMessageContaining("--token")
                .withMessageContaining("COUNTERSIGN_API_TOKEN");
    }

    @Test
    void neverShowsTheToken() {
        // when
        String shown = new BenchTarget(URI.create(BenchTarget.DEFAULT_URL), "s3cret").toString();

        // then
        assertThat(shown).doesNotContain("s3cret");
    }
}
