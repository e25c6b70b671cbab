package dev.countersign.slack;

import dev.countersign.approval.Mandates;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** How the scheduler's reminders, escalations and urgent reports reach people in Slack. */
@Configuration(proxyBeanMethods = false)
@Conditional(SlackConfigured.class)
class SlackScheduleConfiguration {

    @Bean
    SlackNudges slackNudges(SlackOutbox outbox, Mandates mandates, JdbcClient jdbc, SlackDispatcher dispatcher) {
        return new SlackNudges(outbox, mandates, jdbc, dispatcher);
    }
}
