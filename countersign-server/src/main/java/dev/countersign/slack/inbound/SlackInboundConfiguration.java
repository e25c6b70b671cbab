package dev.countersign.slack.inbound;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.model.event.AppHomeOpenedEvent;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.DecideRequest;
import dev.countersign.approval.Mandates;
import dev.countersign.approval.Verdict;
import dev.countersign.delivery.DeliveryDispatcher;
import dev.countersign.delivery.DeliveryOutbox;
import dev.countersign.slack.CurrentSlackSettings;
import dev.countersign.slack.SlackConfigured;
import dev.countersign.slack.SlackDurations;
import dev.countersign.slack.SlackIdentitySettings;
import dev.countersign.slack.SlackSettings;
import dev.countersign.slack.delivery.SlackApi;
import dev.countersign.slack.delivery.SlackUserIds;
import dev.countersign.slack.render.OverviewBlocks;
import dev.countersign.slack.render.RequestMessages;
import dev.countersign.slack.store.HomeTabOwners;
import dev.countersign.slack.store.SeenInteractions;
import dev.countersign.slack.store.SlackExchangeLog;
import dev.countersign.slack.store.SlackMessages;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/** Callbacks from Slack and their handlers, one per action id, command and event, when Slack is configured. */
@Configuration(proxyBeanMethods = false)
@Conditional(SlackConfigured.class)
class SlackInboundConfiguration {

    @Bean
    SlackIdentities slackIdentities(SlackApi api, SlackUserIds userIds, Clock clock, SlackIdentitySettings identity) {
        return new SlackIdentities(api, userIds, clock, identity);
    }

    @Bean
    ApprovalOverviews approvalOverviews(ApprovalRequests requests, Mandates mandates) {
        return new ApprovalOverviews(requests, mandates);
    }

    @Bean
    HomeTabs homeTabs(
            HomeTabOwners owners,
            SlackApi api,
            SlackIdentities identities,
            ApprovalOverviews overviews,
            OverviewBlocks blocks,
            Clock clock) {
        return new HomeTabs(owners, api, identities, overviews, blocks, clock);
    }

    @Bean
    RetriedClicks retriedClicks(SeenInteractions seen, Clock clock) {
        return new RetriedClicks(seen, clock);
    }

    @Bean
    ButtonClicks buttonClicks(
            RetriedClicks retries,
            SlackApi api,
            SlackExchangeLog exchanges,
            DecidingInSlack deciding,
            SlackMessages posted,
            Mandates mandates,
            DecideRequest decide,
            Clock clock) {
        return new ButtonClicks(
                retries,
                new ClickReplies(api, exchanges),
                deciding,
                new OnWhoseBehalf(posted, mandates, decide, clock));
    }

    @Bean
    DecidingInSlack decidingInSlack(
            ApprovalRequests requests,
            CurrentSlackSettings settings,
            SlackIdentities identities,
            RequestMessages messages) {
        return new DecidingInSlack(requests, settings, identities, messages);
    }

    /**
     * One handler per action id, command and event, as in Bolt's samples. Bolt runs without its default middleware:
     * the servlet has verified the signature already (more strictly; Socket Mode envelopes come over the service's
     * own authenticated connection and carry no signature), and the single-team authorization would call auth.test
     * on the path that must answer Slack within 3 seconds.
     */
    @Bean
    App boltApp(
            Slack slack,
            CurrentSlackSettings settings,
            ButtonClicks clicks,
            DecidingInSlack deciding,
            DecideRequest decide,
            SlackApi api,
            RequestMessages messages,
            SlackExchangeLog exchanges,
            ApprovalRequests requests,
            SlackIdentities identities,
            ApprovalOverviews overviews,
            OverviewBlocks blocks,
            DeliveryOutbox outbox,
            DeliveryDispatcher dispatcher,
            Clock clock) {
        AppConfig config = AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(settings.botToken())
                .requestVerificationEnabled(false)
                .build();
        App app = new App(config, new ArrayList<>());
        ReasonModals reasons = new ReasonModals(decide, api, messages);
        // Slack has had its answer before the buttons' handlers run (see SlackEventsServlet).
        app.blockAction(RequestMessages.APPROVE, new ApproveButton(clicks, settings, reasons, decide));
        app.blockAction(RequestMessages.REJECT, new RejectButton(clicks, reasons));
        app.blockAction(RequestMessages.DETAILS, new DetailsButton());
        app.viewSubmission(
                RequestMessages.REJECT_MODAL, new ReasonSubmitted(Verdict.REJECT, deciding, decide, exchanges));
        app.viewSubmission(
                RequestMessages.APPROVE_MODAL, new ReasonSubmitted(Verdict.APPROVE, deciding, decide, exchanges));
        app.command(
                OverviewBlocks.COMMAND,
                new ApprovalsCommand(requests, identities, overviews, blocks, exchanges, clock));
        app.event(AppHomeOpenedEvent.class, new HomeOpened(identities, outbox, dispatcher::wake, exchanges, clock));
        return app;
    }

    /**
     * Work after the ack: a few threads and a bounded queue, so that a flood of clicks queues here instead of
     * taking the CPU from the threads that must answer Slack within 3 seconds.
     */
    @Bean(destroyMethod = "shutdown")
    ExecutorService slackAfterAck() {
        return new ThreadPoolExecutor(
                8,
                8,
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(20_000),
                Thread.ofPlatform()
                        .name("slack-click-", 0)
                        .daemon()
                        .priority(Thread.NORM_PRIORITY - 2)
                        .factory()); // see DeliveryDispatcher
    }

    @Bean
    SlackInbound slackInbound(App app, ExecutorService slackAfterAck) {
        return new SlackInbound(app, slackAfterAck);
    }

    /**
     * Refused callbacks, counted, and the addresses that send them slowed down. By default an address is answered
     * 429 after 20 refusals within a minute: Slack signs every call, so only a misconfiguration (a rotated signing
     * secret, a clock far off) has it refused, and 20 leaves room for a burst of those while the log's summary
     * says what is wrong; a minute is short enough that Slack is heard again soon after it is fixed, and long
     * enough that a guesser gets 20 tries a minute at most.
     */
    @Bean
    RefusedCallbacks refusedCallbacks(
            Clock clock,
            MeterRegistry meters,
            @Value("${countersign.slack.refused-calls.limit:20}") int limit,
            @Value("${countersign.slack.refused-calls.window:1m}") String window) {
        return new RefusedCallbacks(
                limit, SlackDurations.parse("COUNTERSIGN_SLACK_REFUSED_CALLS_WINDOW", window), clock, meters);
    }

    /** HTTP mode: Slack calls the Request URL. In Socket Mode there is none to call, so nothing listens here. */
    @Bean
    @Conditional(SlackConfigured.HttpMode.class)
    ServletRegistrationBean<SlackEventsServlet> slackEventsServlet(
            SlackInbound inbound, CurrentSlackSettings settings, Clock clock, RefusedCallbacks refused) {
        var servlet = new SlackEventsServlet(inbound, new SignatureCheck(settings::signingSecret, clock), refused);
        return new ServletRegistrationBean<>(servlet, "/slack/events");
    }

    /** Socket Mode: the service connects out to Slack with the app-level token. */
    @Bean
    @Conditional(SlackConfigured.SocketMode.class)
    SlackSocketMode slackSocketMode(Slack slack, SlackSettings settings, SlackInbound inbound) {
        return new SlackSocketMode(slack, settings.appToken(), inbound);
    }

    @Bean
    SlackHousekeeping slackHousekeeping(RetriedClicks retries, RefusedCallbacks refused) {
        return new SlackHousekeeping(retries, refused);
    }

    /** Keeps the delivery memory small, and the summary of refused callbacks on time. */
    static class SlackHousekeeping {

        private final RetriedClicks retries;
        private final RefusedCallbacks refused;

        SlackHousekeeping(RetriedClicks retries, RefusedCallbacks refused) {
            this.retries = retries;
            this.refused = refused;
        }

        /** The summary of a burst of refused callbacks, written even when no further refusal comes after it. */
        @Scheduled(fixedDelay = 10, timeUnit = TimeUnit.SECONDS, initialDelay = 10)
        void reportRefusedCallbacks() {
            refused.reportIfDue();
        }

        @Scheduled(fixedDelay = 1, timeUnit = TimeUnit.HOURS, initialDelay = 1)
        void forgetWhatIsNoLongerNeeded() {
            retries.forgetOldDeliveries();
        }
    }
}
