package dev.countersign.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a random port with the embedded database in a fresh directory and a known API token,
 * plus {@link ParkedWaiters} to see which long-polls it holds.
 * Every class carrying this annotation (and nothing else that changes the configuration) shares one running app.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
// The cross-node sweep is slowed to once an hour here, so that a prompt release proves the decision's own event
// released the waiter; PostgresApiIT keeps the sweep and tests it.
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"countersign.api-token=" + RunningApp.TOKEN, "countersign.waiters.sweep-interval-ms=3600000"})
@ContextConfiguration(initializers = FreshDataDirectory.class)
@Import(ParkedWaiters.class)
@interface RunningApp {

    /** Distinctive, so that a test can tell for sure that it never comes back in a response. */
    String TOKEN = "cs-test-token-5f0c1e9a7b-0123456789abcdef";
}
