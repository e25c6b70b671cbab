package dev.countersign.slack;

import dev.countersign.api.FreshDataDirectory;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a random port, embedded database in a fresh directory, with the Slack emulator as its
 * Slack. Every class carrying this annotation shares one running app and one emulator; tests use their own people.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
// Approving a "sql-change" asks for a reason first, as an administrator can configure per type.
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "countersign.api-token=" + SlackApp.TOKEN,
            "countersign.slack.approval-reason-types=sql-change",
            "countersign.secret-key=" + SlackApp.SECRET_KEY,
            // An address refused 20 times is slowed down for 2 s (not a minute), so a test can see it heard again.
            "countersign.slack.refused-calls.window=2s"
        })
@ContextConfiguration(initializers = {FreshDataDirectory.class, EmulatedSlack.class})
@interface SlackApp {

    String TOKEN = "cs-slack-test-token-31d9-0123456789abcdef";

    /** Lets tests store Slack credentials through the settings API. */
    String SECRET_KEY = "cs-slack-test-secret-key-8b2e-4f71a0c9";
}
