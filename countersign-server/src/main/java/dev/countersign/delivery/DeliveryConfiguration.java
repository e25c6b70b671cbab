package dev.countersign.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The outbox and its dispatcher, for whichever channels are configured (each a {@link DeliveryChannel} bean).
 * The dispatcher's settings keep the names they had when Slack was the only channel.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    @Bean
    DeliveryOutbox deliveryOutbox(JdbcClient jdbc, JdbcTemplate batch, ApplicationEventPublisher events) {
        return new DeliveryOutbox(jdbc, batch, events);
    }

    @Bean
    DeliveryDispatcher deliveryDispatcher(
            DeliveryOutbox outbox,
            ObjectProvider<DeliveryChannel> channels,
            DeliveryProblems problems,
            Clock clock,
            @Value("${countersign.slack.dispatcher-poll-interval:500ms}") Duration poll,
            @Value("${countersign.slack.dispatcher-lease:2m}") Duration lease,
            @Value("${countersign.slack.retry-max-backoff:60s}") Duration maxBackoff) {
        return new DeliveryDispatcher(
                outbox, channels.orderedStream().toList(), problems, clock, poll, lease, maxBackoff);
    }

    @Bean
    DeliveryHousekeeping deliveryHousekeeping(DeliveryDispatcher dispatcher, DeliveryOutbox outbox, Clock clock) {
        return new DeliveryHousekeeping(dispatcher, outbox, clock);
    }

    /** Keeps the dispatcher prompt, and the finished part of the outbox small. */
    static class DeliveryHousekeeping {

        private static final Duration KEEP_FINISHED = Duration.ofDays(7);

        private final DeliveryDispatcher dispatcher;
        private final DeliveryOutbox outbox;
        private final Clock clock;

        DeliveryHousekeeping(DeliveryDispatcher dispatcher, DeliveryOutbox outbox, Clock clock) {
            this.dispatcher = dispatcher;
            this.outbox = outbox;
            this.clock = clock;
        }

        /**
         * After commit, like every reaction to a change. Outside a transaction the rows are already committed when
         * the event is published, so it is heard at once ({@code fallbackExecution}).
         */
        @TransactionalEventListener(fallbackExecution = true)
        void on(DeliveriesQueued queued) {
            dispatcher.wake();
        }

        @Scheduled(fixedDelay = 1, timeUnit = TimeUnit.HOURS, initialDelay = 1)
        void forgetFinished() {
            outbox.forgetFinishedBefore(clock.instant().minus(KEEP_FINISHED));
        }
    }
}
