package dev.countersign.slack.store;

import dev.countersign.slack.SlackConfigured;
import dev.countersign.slack.SlackDurations;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Slack's tables, when Slack is configured. */
@Configuration(proxyBeanMethods = false)
@Conditional(SlackConfigured.class)
class SlackStoreConfiguration {

    @Bean
    SlackExchangeLog slackExchanges(JdbcClient jdbc, JdbcTemplate batch, Clock clock) {
        return new SlackExchangeLog(jdbc, batch, clock);
    }

    @Bean
    SlackMessages slackMessages(JdbcClient jdbc) {
        return new SlackMessages(jdbc);
    }

    @Bean
    SlackUsersOnRecord slackUsersOnRecord(JdbcClient jdbc) {
        return new SlackUsersOnRecord(jdbc);
    }

    @Bean
    SeenInteractions seenInteractions(JdbcClient jdbc) {
        return new SeenInteractions(jdbc);
    }

    @Bean
    HomeTabOwners homeTabOwners(JdbcClient jdbc) {
        return new HomeTabOwners(jdbc);
    }

    /** The exchange log kept for {@code COUNTERSIGN_SLACK_EXCHANGE_RETENTION}, 30 days by default. */
    @Bean
    SlackExchangeRetention slackExchangeRetention(
            SlackExchangeLog exchanges, @Value("${countersign.slack.exchange-retention:30d}") String keep) {
        return new SlackExchangeRetention(
                exchanges, SlackDurations.parse("COUNTERSIGN_SLACK_EXCHANGE_RETENTION", keep));
    }
}
