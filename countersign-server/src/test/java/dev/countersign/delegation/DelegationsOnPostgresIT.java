package dev.countersign.delegation;

import dev.countersign.api.FreshDataDirectory;
import dev.countersign.testing.TestPostgres;
import java.util.Map;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

/** The delegation store on a fresh database of the machine's PostgreSQL. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "countersign.api-token=delegations-0123456789abcdef0123456789")
@ContextConfiguration(initializers = {FreshDataDirectory.class, DelegationsOnPostgresIT.FreshDatabase.class})
@Import(DelegationsContract.Announcements.class)
class DelegationsOnPostgresIT extends DelegationsContract {

    static final class FreshDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "delegation-postgres",
                            Map.of(
                                    "countersign.db.url", TestPostgres.freshDatabase("delegation"),
                                    "countersign.db.user", TestPostgres.USER,
                                    "countersign.db.password", TestPostgres.PASSWORD)));
        }
    }
}
