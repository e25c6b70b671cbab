package dev.countersign.slack;

import dev.countersign.api.FreshDataDirectory;
import dev.countersign.approval.MutableClock;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application with Slack emulated, as {@link SlackApp}, but on a clock the test moves: the scheduler's
 * own sweep is slowed to once an hour, and tests run the sweep and the urgent report themselves for a given time.
 * Type "office" reminds hourly, never at night (Berlin) nor at weekends; type "quick" expires after a minute by
 * default; the urgent report counts days in Auckland.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "countersign.api-token=" + SlackApp.TOKEN,
            "countersign.schedule.sweep-interval=1h",
            "countersign.types.office.remind-every=1h",
            "countersign.types.office.max-reminders=5",
            "countersign.types.office.quiet-hours=20:00-08:00",
            "countersign.types.office.business-days=MON-FRI",
            "countersign.types.office.zone=Europe/Berlin",
            "countersign.types.quick.expires-after=1m",
            "countersign.urgent-report.zone=Pacific/Auckland"
        })
@ContextConfiguration(initializers = {FreshDataDirectory.class, EmulatedSlack.class})
@Import(ScheduledSlackApp.TestClock.class)
@interface ScheduledSlackApp {

    @TestConfiguration(proxyBeanMethods = false)
    class TestClock {

        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(Instant.now());
        }
    }
}
