package dev.countersign.approval.persistence;

import dev.countersign.testing.TestPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.util.Map;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

/**
 * The application (no web server) on a fresh database of the machine's PostgreSQL, selected the way a user does it:
 * {@code countersign.db.url} and {@code countersign.db.user}. Test classes with this annotation share one context
 * and so one database: they must not expect it to be empty.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ContextConfiguration(initializers = PostgresStorage.FreshDatabase.class)
@interface PostgresStorage {

    final class FreshDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            String dataDir;
            try {
                // Nothing is stored there on PostgreSQL; set so that nothing lands in the working directory.
                dataDir = Files.createTempDirectory("countersign-pg-").toString();
                new File(dataDir).deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "postgres-storage",
                            Map.of(
                                    "countersign.db.url",
                                    TestPostgres.freshDatabase("storage"),
                                    "countersign.db.user",
                                    TestPostgres.USER,
                                    "countersign.db.password",
                                    TestPostgres.PASSWORD,
                                    "countersign.data-dir",
                                    dataDir,
                                    "countersign.api-token",
                                    "storage-tests-0123456789abcdef0123456789")));
        }
    }
}
