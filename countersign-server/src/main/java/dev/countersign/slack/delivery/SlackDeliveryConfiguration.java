package dev.countersign.slack.delivery;

import com.slack.api.Slack;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.Mandates;
import dev.countersign.delivery.Delivery.PublishHome;
import dev.countersign.delivery.DeliveryHandler;
import dev.countersign.delivery.DeliveryOutbox;
import dev.countersign.delivery.DeliveryProblems;
import dev.countersign.slack.CurrentSlackSettings;
import dev.countersign.slack.SlackConfigured;
import dev.countersign.slack.SlackIdentitySettings;
import dev.countersign.slack.render.RequestMessages;
import dev.countersign.slack.store.HomeTabOwners;
import dev.countersign.slack.store.SlackExchangeLog;
import dev.countersign.slack.store.SlackMessages;
import dev.countersign.slack.store.SlackUsersOnRecord;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** What Countersign sends to Slack, and the follow-ups that queue it, when Slack is configured. */
@Configuration(proxyBeanMethods = false)
@Conditional(SlackConfigured.class)
class SlackDeliveryConfiguration {

    @Bean
    SlackApi slackApi(Slack slack, CurrentSlackSettings settings, SlackExchangeLog exchanges) {
        return new SlackApi(slack, settings::botToken, exchanges);
    }

    @Bean
    SlackUserIds slackUserIds(SlackUsersOnRecord onRecord, SlackApi api, Clock clock, SlackIdentitySettings identity) {
        return new SlackUserIds(onRecord, api, clock, identity);
    }

    @Bean
    SlackPosts slackPosts(SlackApi api, SlackMessages messages, Clock clock) {
        return new SlackPosts(api, messages, clock);
    }

    @Bean
    SlackDms slackDms(
            SlackApi api,
            SlackUserIds people,
            SlackPosts posts,
            DeliveryProblems problems,
            DeliveryOutbox outbox,
            Clock clock) {
        return new SlackDms(api, people, posts, new UnreachablePeople(problems, outbox, clock));
    }

    /**
     * Slack's channel, with a handler for each kind of delivery it carries.
     *
     * @param homes the Home tab's publishing, which is the inbound side's (it draws whoever opened the tab)
     */
    @Bean
    SlackDeliveries slackDeliveries(
            ApprovalRequests requests,
            SlackApi api,
            SlackPosts posts,
            SlackDms dms,
            SlackMessages messages,
            RequestMessages render,
            CurrentSlackSettings settings,
            Mandates mandates,
            Clock clock,
            DeliveryHandler<PublishHome> homes) {
        return new SlackDeliveries(
                api,
                settings,
                List.of(
                        new AskApproverHandler(requests, dms, render),
                        new AskDelegateHandler(requests, dms, render, mandates, clock),
                        new PostToChannelHandler(requests, posts, render),
                        new ChannelProgressHandler(requests, posts, render),
                        TellHandler.rejected(requests, dms, render),
                        TellHandler.approved(requests, dms, render),
                        TellHandler.executable(requests, dms, render),
                        TellHandler.unreachable(requests, dms, render),
                        TellHandler.expired(requests, dms, render),
                        new RefreshHandler(requests, messages, new RedrawnMessages(render, mandates, clock), api),
                        homes,
                        new RemindHandler(requests, posts, dms, render),
                        new EscalateHandler(requests, posts, dms, render),
                        new UrgentReportHandler(requests, dms, render)));
    }

    @Bean
    SlackFollowUps slackFollowUps(DeliveryOutbox outbox, Mandates mandates, Clock clock) {
        return new SlackFollowUps(outbox, mandates, clock);
    }

    @Bean
    HomeFollowUps homeFollowUps(HomeTabOwners homes, DeliveryOutbox outbox, Mandates mandates, Clock clock) {
        return new HomeFollowUps(homes, outbox, mandates, clock);
    }

    /** How the scheduler's reminders, escalations and urgent reports reach people in Slack. */
    @Bean
    SlackNudges slackNudges(DeliveryOutbox outbox, Mandates mandates, SlackMessages messages) {
        return new SlackNudges(outbox, mandates, messages);
    }

    @Bean
    SlackDelegations slackDelegations(
            ApprovalRequests requests, DeliveryOutbox outbox, SlackMessages messages, Mandates mandates, Clock clock) {
        return new SlackDelegations(requests, outbox, messages, mandates, clock);
    }
}
