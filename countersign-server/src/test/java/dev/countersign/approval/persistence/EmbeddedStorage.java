package dev.countersign.approval.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

/**
 * The application (no web server) on the embedded database as a user gets it: an H2 file in a fresh data directory
 * (under target/). Only {@code countersign.data-dir} is set, so the JDBC URL is the one application.yaml builds,
 * settings included.
 * Test classes with this annotation share one context and so one database: they must not expect it to be empty.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ContextConfiguration(initializers = EmbeddedStorage.FreshDataDirectory.class)
@interface EmbeddedStorage {

    final class FreshDataDirectory implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            Path dataDir;
            try {
                // Under target/, so that `mvn clean` removes it: deleting it at exit would race H2 closing its file.
                Path parent = Files.createDirectories(Path.of("target", "storage-tests"));
                dataDir = Files.createTempDirectory(parent, "h2-").toAbsolutePath();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "embedded-storage",
                            Map.of(
                                    "countersign.data-dir",
                                    dataDir.toString(),
                                    "countersign.api-token",
                                    "storage-tests-0123456789abcdef0123456789")));
        }
    }
}
