package dev.countersign.slack;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import dev.countersign.CountersignProperties;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.AuditTrail;
import dev.countersign.approval.DecideRequest;
import dev.countersign.approval.Mandates;
import dev.countersign.approval.RequestChanged;
import dev.countersign.delegation.DelegationMandates;
import dev.countersign.delivery.DeliveryProblems;
import dev.countersign.settings.AdminSettings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Slack's parts, put together when Slack is configured. Without it the service runs API-only. */
@Configuration(proxyBeanMethods = false)
@Conditional(SlackConfigured.class)
class SlackConfiguration {

    @Bean
    Slack slack(SlackSettings settings) {
        return SlackClients.of(settings);
    }

    @Bean
    SlackExchanges slackExchanges(JdbcClient jdbc, JdbcTemplate batch, Clock clock) {
        return new SlackExchanges(jdbc, batch, clock);
    }

    @Bean
    CurrentSlackSettings currentSlackSettings(SlackSettings settings, AdminSettings admin) {
        return new CurrentSlackSettings(settings, admin);
    }

    @Bean
    SlackApi slackApi(Slack slack, CurrentSlackSettings settings, SlackExchanges exchanges) {
        return new SlackApi(slack, settings::botToken, exchanges);
    }

    @Bean
    SlackPeople slackPeople(JdbcClient jdbc, SlackApi api, Clock clock, SlackIdentitySettings identity) {
        return new SlackPeople(jdbc, api, clock, identity);
    }

    @Bean
    SlackOutbox slackOutbox(JdbcClient jdbc, JdbcTemplate batch) {
        return new SlackOutbox(jdbc, batch);
    }

    @Bean
    SlackMessages slackMessages(JdbcClient jdbc) {
        return new SlackMessages(jdbc);
    }

    @Bean
    SlackFollowUps slackFollowUps(SlackOutbox outbox, Mandates mandates, Clock clock) {
        return new SlackFollowUps(outbox, mandates, clock);
    }

    /** Links in messages point at COUNTERSIGN_BASE_URL; without it, at this machine's port (fine for a demo). */
    @Bean
    RequestMessages requestMessages(CountersignProperties properties, Environment environment, AuditTrail audit,
                                    SlackPeople people, CurrentSlackSettings settings) {
        return new RequestMessages(() -> properties.baseUrl() != null ? properties.baseUrl()
                : URI.create("http://localhost:" + environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8080"))), audit, people::mention, settings);
    }

    @Bean
    SlackDeliveries slackDeliveries(ApprovalRequests requests, SlackApi api, SlackPeople people,
                                    SlackMessages messages, RequestMessages render, SlackOutbox outbox,
                                    DeliveryProblems problems, CurrentSlackSettings settings,
                                    DelegationMandates mandates, Clock clock, HomeTabs homes) {
        return new SlackDeliveries(requests, api, people, messages, render, outbox, problems, settings, mandates,
                clock, homes);
    }

    @Bean
    SlackDispatcher slackDispatcher(SlackOutbox outbox, SlackDeliveries deliveries, DeliveryProblems problems,
                                    Clock clock,
                                    @Value("${countersign.slack.dispatcher-poll-interval:500ms}") Duration poll,
                                    @Value("${countersign.slack.dispatcher-lease:2m}") Duration lease,
                                    @Value("${countersign.slack.retry-max-backoff:60s}") Duration maxBackoff) {
        return new SlackDispatcher(outbox, deliveries, problems, clock, poll, lease, maxBackoff);
    }

    /**
     * Work after the ack: a few threads and a bounded queue, so that a flood of clicks queues here instead of
     * taking the CPU from the threads that must answer Slack within 3 seconds.
     */
    @Bean(destroyMethod = "shutdown")
    ExecutorService slackAfterAck() {
        return new ThreadPoolExecutor(8, 8, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(20_000),
                Thread.ofPlatform().name("slack-click-", 0).daemon().priority(Thread.NORM_PRIORITY - 2).factory()); // see SlackDispatcher
    }

    @Bean
    SlackInteractions slackInteractions(DecideRequest decide, ApprovalRequests requests, SlackPeople people,
                                        SlackApi api, RequestMessages messages, CurrentSlackSettings settings,
                                        SlackExchanges exchanges, JdbcClient jdbc, SlackMessages posted,
                                        Mandates mandates, Clock clock) {
        return new SlackInteractions(decide, requests, people, api, messages, settings, exchanges, jdbc, posted,
                mandates, clock);
    }

    /**
     * Bolt, without its default middleware: the servlet has verified the signature already (more strictly; Socket
     * Mode envelopes come over the service's own authenticated connection and carry no signature), and
     * the single-team authorization would call auth.test on the path that must answer Slack within 3 seconds.
     */
    @Bean
    App boltApp(Slack slack, CurrentSlackSettings settings, SlackInteractions interactions,
                ApprovalsInSlack approvals) {
        AppConfig config = AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(settings.botToken())
                .requestVerificationEnabled(false)
                .build();
        App app = new App(config, new ArrayList<>());
        interactions.register(app);
        approvals.register(app);
        return app;
    }

    @Bean
    SlackInbound slackInbound(App app, ExecutorService slackAfterAck) {
        return new SlackInbound(app, slackAfterAck);
    }

    /** HTTP mode: Slack calls the Request URL. In Socket Mode there is none to call, so nothing listens here. */
    @Bean
    @Conditional(SlackConfigured.HttpMode.class)
    ServletRegistrationBean<SlackEventsServlet> slackEventsServlet(SlackInbound inbound, CurrentSlackSettings settings,
                                                                    Clock clock, SlackExchanges exchanges) {
        var servlet = new SlackEventsServlet(inbound, new SignatureCheck(settings::signingSecret, clock), exchanges);
        return new ServletRegistrationBean<>(servlet, "/slack/events");
    }

    /** Socket Mode: the service connects out to Slack with the app-level token. */
    @Bean
    @Conditional(SlackConfigured.SocketMode.class)
    SlackSocketMode slackSocketMode(Slack slack, SlackSettings settings, SlackInbound inbound) {
        return new SlackSocketMode(slack, settings.appToken(), inbound);
    }

    @Bean
    SlackHousekeeping slackHousekeeping(SlackDispatcher dispatcher, SlackInteractions interactions,
                                        SlackOutbox outbox, Clock clock) {
        return new SlackHousekeeping(dispatcher, interactions, outbox, clock);
    }

    /** Keeps the dispatcher prompt, and the delivery memory and finished outbox small. */
    static class SlackHousekeeping {

        private static final Duration KEEP_FINISHED_TASKS = Duration.ofDays(7);

        private final SlackDispatcher dispatcher;
        private final SlackInteractions interactions;
        private final SlackOutbox outbox;
        private final Clock clock;

        SlackHousekeeping(SlackDispatcher dispatcher, SlackInteractions interactions, SlackOutbox outbox,
                          Clock clock) {
            this.dispatcher = dispatcher;
            this.interactions = interactions;
            this.outbox = outbox;
            this.clock = clock;
        }

        @EventListener
        void on(RequestChanged changed) {
            dispatcher.wake();
        }

        @Scheduled(fixedDelay = 1, timeUnit = TimeUnit.HOURS, initialDelay = 1)
        void forgetWhatIsNoLongerNeeded() {
            interactions.forgetOldDeliveries();
            outbox.forgetFinishedBefore(clock.instant().minus(KEEP_FINISHED_TASKS));
        }
    }
}
