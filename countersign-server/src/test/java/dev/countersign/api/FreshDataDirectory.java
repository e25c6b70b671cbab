package dev.countersign.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points {@code countersign.data-dir} at a new temporary directory for each application context, so that the
 * embedded database and a generated token start from nothing. The directory is removed when the JVM exits.
 */
public class FreshDataDirectory implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Path directory = create();
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "fresh-data-directory", Map.of("countersign.data-dir", directory.toString())));
    }

    private static Path create() {
        try {
            Path directory = Files.createTempDirectory("countersign-api-test-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(directory)));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // Best effort: a leftover temporary directory is harmless.
        }
    }
}
