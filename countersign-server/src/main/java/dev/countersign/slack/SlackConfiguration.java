package dev.countersign.slack;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import dev.countersign.CountersignProperties;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.DecideRequest;
import dev.countersign.approval.Mandates;
import dev.countersign.delivery.DeliveryOutbox;
import dev.countersign.delivery.DeliveryProblems;
import dev.countersign.settings.AdminSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

import java.net.URI;
import java.time.Clock;
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
    SlackMessages slackMessages(JdbcClient jdbc) {
        return new SlackMessages(jdbc);
    }

    @Bean
    SlackFollowUps slackFollowUps(DeliveryOutbox outbox, Mandates mandates, Clock clock) {
        return new SlackFollowUps(outbox, mandates, clock);
    }

    /** Links in messages point at COUNTERSIGN_BASE_URL; without it, at this machine's port (fine for a demo). */
    @Bean
    RequestMessages requestMessages(CountersignProperties properties, Environment environment,
                                    SlackPeople people, CurrentSlackSettings settings) {
        return new RequestMessages(() -> properties.baseUrl() != null ? properties.baseUrl()
                : URI.create("http://localhost:" + environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8080"))), people::mention, settings);
    }

    @Bean
    SlackDeliveries slackDeliveries(ApprovalRequests requests, SlackApi api, SlackPeople people,
                                    SlackMessages messages, RequestMessages render, DeliveryOutbox outbox,
                                    DeliveryProblems problems, CurrentSlackSettings settings,
                                    Mandates mandates, Clock clock, HomeTabs homes) {
        return new SlackDeliveries(requests, api, people, messages, render, outbox, problems, settings, mandates,
                clock, homes);
    }

    /**
     * Work after the ack: a few threads and a bounded queue, so that a flood of clicks queues here instead of
     * taking the CPU from the threads that must answer Slack within 3 seconds.
     */
    @Bean(destroyMethod = "shutdown")
    ExecutorService slackAfterAck() {
        return new ThreadPoolExecutor(8, 8, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(20_000),
                Thread.ofPlatform().name("slack-click-", 0).daemon().priority(Thread.NORM_PRIORITY - 2).factory()); // see DeliveryDispatcher
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

    /**
     * Refused callbacks, counted, and the addresses that send them slowed down. By default an address is answered
     * 429 after 20 refusals within a minute: Slack signs every call, so only a misconfiguration (a rotated signing
     * secret, a clock far off) has it refused, and 20 leaves room for a burst of those while the log's summary
     * says what is wrong; a minute is short enough that Slack is heard again soon after it is fixed, and long
     * enough that a guesser gets 20 tries a minute at most.
     */
    @Bean
    RefusedCallbacks refusedCallbacks(Clock clock, MeterRegistry meters,
                                      @Value("${countersign.slack.refused-calls.limit:20}") int limit,
                                      @Value("${countersign.slack.refused-calls.window:1m}") String window) {
        return new RefusedCallbacks(limit, SlackDurations.parse("COUNTERSIGN_SLACK_REFUSED_CALLS_WINDOW", window),
                clock, meters);
    }

    /** HTTP mode: Slack calls the Request URL. In Socket Mode there is none to call, so nothing listens here. */
    @Bean
    @Conditional(SlackConfigured.HttpMode.class)
    ServletRegistrationBean<SlackEventsServlet> slackEventsServlet(SlackInbound inbound, CurrentSlackSettings settings,
                                                                    Clock clock, RefusedCallbacks refused) {
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
    SlackHousekeeping slackHousekeeping(SlackInteractions interactions, RefusedCallbacks refused) {
        return new SlackHousekeeping(interactions, refused);
    }

    /** Keeps the delivery memory small, and the summary of refused callbacks on time. */
    static class SlackHousekeeping {

        private final SlackInteractions interactions;
        private final RefusedCallbacks refused;

        SlackHousekeeping(SlackInteractions interactions, RefusedCallbacks refused) {
            this.interactions = interactions;
            this.refused = refused;
        }

        /** The summary of a burst of refused callbacks, written even when no further refusal comes after it. */
        @Scheduled(fixedDelay = 10, timeUnit = TimeUnit.SECONDS, initialDelay = 10)
        void reportRefusedCallbacks() {
            refused.reportIfDue();
        }

        @Scheduled(fixedDelay = 1, timeUnit = TimeUnit.HOURS, initialDelay = 1)
        void forgetWhatIsNoLongerNeeded() {
            interactions.forgetOldDeliveries();
        }
    }
}
