package dev.countersign;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The data directory holds the database and the API token: Countersign makes it its owner's only. */
@ExtendWith(OutputCaptureExtension.class)
class DataDirectoryIT {

    @TempDir
    Path parent;

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void theServiceCreatesItsDataDirectoryForItsOwnerOnlyBeforeTheDatabaseIsWrittenThere() throws IOException {
        // given
        Path dataDir = parent.resolve("not-yet").resolve("data");

        // when
        try (var app = new SpringApplicationBuilder(CountersignServer.class)
                .run(
                        "--server.port=0",
                        "--countersign.data-dir=" + dataDir,
                        "--countersign.slack.bot-token=",
                        "--countersign.slack.signing-secret=")) {

            // then
            assertThat(mode(dataDir)).isEqualTo("rwx------");
            try (var files = Files.list(dataDir)) {
                assertThat(files.map(p -> p.getFileName().toString())).contains("countersign.mv.db", "api-token");
            }
        }
    }

    @Test
    void anExistingDirectoryOpenToOthersIsLeftAsItIsWithAWarningThatSaysHowToCloseIt(CapturedOutput output)
            throws IOException {
        // given
        Path dataDir = Files.createDirectory(
                parent.resolve("shared"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));

        // when
        DataDirectory.prepare(dataDir);

        // then
        assertThat(mode(dataDir)).isEqualTo("rwxr-xr-x");
        assertThat(output.getOut())
                .contains("The data directory " + dataDir + " is open to others than its owner " + "(rwxr-xr-x)")
                .contains("chmod 700 " + dataDir);
    }

    @Test
    void anExistingOwnerOnlyDirectoryIsNotWarnedAbout(CapturedOutput output) throws IOException {
        // given
        Path dataDir = Files.createDirectory(
                parent.resolve("private"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));

        // when
        DataDirectory.prepare(dataDir);

        // then
        assertThat(mode(dataDir)).isEqualTo("rwx------");
        assertThat(output.getOut()).doesNotContain("The data directory");
    }
}
