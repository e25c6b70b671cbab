package dev.countersign.delegation;

import dev.countersign.api.FreshDataDirectory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/** The delegation store on the embedded database, as a user gets it. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "countersign.api-token=delegations-0123456789abcdef0123456789")
@ContextConfiguration(initializers = FreshDataDirectory.class)
@Import(DelegationsContract.Announcements.class)
class DelegationsOnEmbeddedDatabaseTest extends DelegationsContract {}
