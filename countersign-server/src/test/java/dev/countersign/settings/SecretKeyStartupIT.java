package dev.countersign.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.CountersignServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class SecretKeyStartupIT {

    @TempDir
    Path dataDir;

    @Test
    void aSecretKeyShorterThan32CharactersStopsTheStartWithHowToMakeOneAndNeverPrintsIt(CapturedOutput output) {
        String shortKey = "only-twenty-five-chars-k";

        assertThatThrownBy(() -> new SpringApplicationBuilder(CountersignServer.class)
                        .run(
                                "--server.port=0",
                                "--countersign.data-dir=" + dataDir,
                                "--countersign.api-token=t0ken-1234-0123456789abcdef0123456789",
                                "--countersign.slack.bot-token=",
                                "--countersign.slack.signing-secret=",
                                "--countersign.secret-key=" + shortKey))
                .rootCause()
                .hasMessageContaining("COUNTERSIGN_SECRET_KEY must be at least 32 characters")
                .hasMessageContaining("openssl rand -base64 32");
        assertThat(output.getAll())
                .contains("COUNTERSIGN_SECRET_KEY must be at least 32 characters")
                .doesNotContain(shortKey);
    }
}
