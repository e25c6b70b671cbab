package dev.countersign.slack;

import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.Mandates;
import dev.countersign.delivery.DeliveryDispatcher;
import dev.countersign.delivery.DeliveryOutbox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;

/** {@code /approvals} and the App Home tab, when Slack is configured. Bolt gets the handlers in SlackConfiguration. */
@Configuration(proxyBeanMethods = false)
@Conditional(SlackConfigured.class)
class SlackHomeConfiguration {

    @Bean
    OverviewBlocks overviewBlocks(RequestMessages messages, SlackPeople people) {
        return new OverviewBlocks(messages, people::mention);
    }

    @Bean
    HomeTabs homeTabs(JdbcClient jdbc, SlackApi api, SlackPeople people, ApprovalRequests requests,
                      OverviewBlocks blocks, Mandates mandates, Clock clock) {
        return new HomeTabs(jdbc, api, people, requests, blocks, mandates, clock);
    }

    @Bean
    HomeFollowUps homeFollowUps(HomeTabs homes, DeliveryOutbox outbox, Mandates mandates, Clock clock) {
        return new HomeFollowUps(homes, outbox, mandates, clock);
    }

    @Bean
    ApprovalsInSlack approvalsInSlack(ApprovalRequests requests, SlackPeople people, OverviewBlocks blocks,
                                      DeliveryOutbox outbox, SlackExchanges exchanges, DeliveryDispatcher dispatcher,
                                      Mandates mandates, Clock clock) {
        return new ApprovalsInSlack(requests, people, blocks, outbox, exchanges, dispatcher::wake, mandates, clock);
    }
}
