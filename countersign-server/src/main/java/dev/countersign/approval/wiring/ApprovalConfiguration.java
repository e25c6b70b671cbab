package dev.countersign.approval.wiring;

import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.AuditTrail;
import dev.countersign.approval.CancelRequest;
import dev.countersign.approval.ChannelAllowList;
import dev.countersign.approval.DecideRequest;
import dev.countersign.approval.ExpireRequest;
import dev.countersign.approval.FollowUps;
import dev.countersign.approval.Mandates;
import dev.countersign.approval.RecordExecution;
import dev.countersign.approval.RequestChanged;
import dev.countersign.approval.RequestChanges;
import dev.countersign.approval.SubmitRequest;
import dev.countersign.approval.Transactions;
import java.time.Clock;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class ApprovalConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** A stand-in: the delegation module's mandates are primary; without them nobody acts for anybody else. */
    @Bean
    @ConditionalOnMissingBean
    Mandates mandates() {
        return Mandates.NONE;
    }

    @Bean
    Transactions transactions(PlatformTransactionManager transactionManager) {
        TransactionTemplate template = new TransactionTemplate(transactionManager);
        return new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return template.execute(status -> work.get());
            }
        };
    }

    /**
     * Announces every change to the rest of the application as a {@link RequestChanged} event, published inside the
     * change's transaction: the one way anything reacts to a change after it happened is a
     * {@code @TransactionalEventListener}, which Spring calls after commit and never for a change that rolled back.
     * (What must not be lost, the notifications, is written to the delivery outbox in the same transaction by the
     * other follow-ups; every reaction after commit is in memory, and a sweep covers one lost in a crash.)
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    FollowUps announceChanges(ApplicationEventPublisher publisher) {
        return (request, events) -> publisher.publishEvent(new RequestChanged(request, events));
    }

    /** Every {@link FollowUps} bean (Slack, reminders, the announcement) writes in the change's transaction. */
    @Bean
    RequestChanges requestChanges(
            ApprovalRequests requests,
            AuditTrail audit,
            Transactions transactions,
            ObjectProvider<FollowUps> followUps,
            Clock clock) {
        return new RequestChanges(
                requests,
                audit,
                transactions,
                FollowUps.all(followUps.orderedStream().toList()),
                clock);
    }

    /**
     * Where callers may have Countersign post: {@code COUNTERSIGN_SLACK_ALLOWED_CHANNELS}, comma-separated
     * {@code #name}s or channel ids; unset or empty allows any channel.
     */
    @Bean
    ChannelAllowList channelAllowList(@Value("${countersign.slack.allowed-channels:}") String allowed) {
        return ChannelAllowList.parse(allowed);
    }

    @Bean
    SubmitRequest submitRequest(ApprovalRequests requests, RequestChanges changes, ChannelAllowList channels) {
        return new SubmitRequest(requests, changes, channels);
    }

    @Bean
    DecideRequest decideRequest(RequestChanges changes, ApprovalRequests requests, Mandates mandates) {
        return new DecideRequest(changes, requests, mandates);
    }

    @Bean
    CancelRequest cancelRequest(RequestChanges changes) {
        return new CancelRequest(changes);
    }

    @Bean
    ExpireRequest expireRequest(RequestChanges changes) {
        return new ExpireRequest(changes);
    }

    @Bean
    RecordExecution recordExecution(RequestChanges changes) {
        return new RecordExecution(changes);
    }
}
