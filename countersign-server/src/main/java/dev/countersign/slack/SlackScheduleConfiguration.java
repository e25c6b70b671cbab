package dev.countersign.slack;

import dev.countersign.approval.Mandates;
import dev.countersign.delivery.DeliveryOutbox;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** How the scheduler's reminders, escalations and urgent reports reach people in Slack, and what it keeps tidy. */
@Configuration(proxyBeanMethods = false)
@Conditional(SlackConfigured.class)
class SlackScheduleConfiguration {

    @Bean
    SlackNudges slackNudges(DeliveryOutbox outbox, Mandates mandates, JdbcClient jdbc) {
        return new SlackNudges(outbox, mandates, jdbc);
    }

    /** The exchange log kept for {@code COUNTERSIGN_SLACK_EXCHANGE_RETENTION}, 30 days by default. */
    @Bean
    SlackExchangeRetention slackExchangeRetention(SlackExchanges exchanges,
                                                  @Value("${countersign.slack.exchange-retention:30d}") String keep) {
        return new SlackExchangeRetention(exchanges,
                SlackDurations.parse("COUNTERSIGN_SLACK_EXCHANGE_RETENTION", keep));
    }
}
