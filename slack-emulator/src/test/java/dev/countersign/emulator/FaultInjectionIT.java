package dev.countersign.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rate limits, server errors, outages and slowness, as the real SDK client experiences them. */
class FaultInjectionIT {

    private SlackEmulator slack;
    private SdkClient sdk;
    private MethodsClient bot;
    private EmulatedUser ada;

    @BeforeEach
    void start() {
        slack = SlackEmulator.start(EmulatorSettings.defaults());
        sdk = new SdkClient(slack);
        bot = sdk.bot();
        ada = slack.addUser("ada", "ada@example.com");
    }

    @AfterEach
    void stop() throws Exception {
        sdk.close();
        slack.close();
    }

    @Test
    void rateLimitSurfacesAsSlackApiExceptionWithRetryAfter() throws Exception {
        // given
        slack.failNext("chat.postMessage", 1, Failure.rateLimited(7));

        // when
        SlackApiException limited = catchThrowableOfType(
                SlackApiException.class,
                () -> bot.chatPostMessage(r -> r.channel(ada.id()).text("first try")));
        var retried = bot.chatPostMessage(r -> r.channel(ada.id()).text("second try"));

        // then
        assertThat(limited.getResponse().code()).isEqualTo(429);
        assertThat(limited.getResponse().header("Retry-After")).isEqualTo("7");
        assertThat(limited.getResponseBody()).isEqualTo("{\"ok\":false,\"error\":\"ratelimited\"}");
        assertThat(limited.getError().getError()).isEqualTo("ratelimited");
        assertThat(retried.isOk()).isTrue();
        assertThat(slack.dms(ada.id())).extracting(EmulatedMessage::text).containsExactly("second try");
        assertThat(slack.calls("chat.postMessage"))
                .extracting(RecordedCall::status)
                .containsExactly(429, 200);
    }

    @Test
    void serverErrorsFailTheGivenNumberOfCallsThenStop() throws Exception {
        // given
        slack.failNext("users.lookupByEmail", 2, Failure.httpStatus(500));

        // when
        SlackApiException first = catchThrowableOfType(
                SlackApiException.class, () -> bot.usersLookupByEmail(r -> r.email("ada@example.com")));
        SlackApiException second = catchThrowableOfType(
                SlackApiException.class, () -> bot.usersLookupByEmail(r -> r.email("ada@example.com")));
        var third = bot.usersLookupByEmail(r -> r.email("ada@example.com"));

        // then
        assertThat(first.getResponse().code()).isEqualTo(500);
        assertThat(second.getResponse().code()).isEqualTo(500);
        assertThat(third.getUser().getId()).isEqualTo(ada.id());
    }

    @Test
    void failuresForOneMethodLeaveOthersAlone() throws Exception {
        // given
        slack.failNext("chat.update", 1, Failure.httpStatus(503));

        // when
        var posted = bot.chatPostMessage(r -> r.channel(ada.id()).text("unaffected"));

        // then
        assertThat(posted.isOk()).isTrue();
    }

    @Test
    void injectedSlackErrorsAreHttp200WithOkFalse() throws Exception {
        // given
        slack.failNext("*", 1, Failure.slackError("token_expired"));

        // when
        var refused = bot.authTest(r -> r);
        var accepted = bot.authTest(r -> r);

        // then
        assertThat(refused.isOk()).isFalse();
        assertThat(refused.getError()).isEqualTo("token_expired");
        assertThat(accepted.isOk()).isTrue();
    }

    @Test
    void anOutageAnswers503UntilItEnds() throws Exception {
        // given
        slack.outage("*", Duration.ofMillis(1500));

        // when
        SlackApiException during = catchThrowableOfType(
                SlackApiException.class,
                () -> bot.chatPostMessage(r -> r.channel(ada.id()).text("during")));
        SlackApiException alsoDuring = catchThrowableOfType(SlackApiException.class, () -> bot.authTest(r -> r));
        long started = System.nanoTime();
        var after = await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .ignoreException(SlackApiException.class)
                .until(() -> bot.chatPostMessage(r -> r.channel(ada.id()).text("after")), answer -> answer.isOk());
        Duration untilItWorked = Duration.ofNanos(System.nanoTime() - started);

        // then
        assertThat(during.getResponse().code()).isEqualTo(503);
        assertThat(alsoDuring.getResponse().code()).isEqualTo(503);
        assertThat(after.isOk()).isTrue();
        // The outage ends when it should, not whenever: well before the 5 s the wait allows (a busy machine may
        // add some delay, so no tighter bound).
        assertThat(untilItWorked).isLessThan(Duration.ofMillis(4000));
        assertThat(slack.dms(ada.id())).extracting(EmulatedMessage::text).containsExactly("after");
    }

    @Test
    void anOutageOfOneMethodLeavesTheOthersWorking() throws Exception {
        // given
        slack.outage("chat.postMessage", Duration.ofMinutes(1));

        // when
        SlackApiException posting = catchThrowableOfType(
                SlackApiException.class,
                () -> bot.chatPostMessage(r -> r.channel(ada.id()).text("x")));
        var lookup = bot.usersLookupByEmail(r -> r.email("ada@example.com"));

        // then
        assertThat(posting.getResponse().code()).isEqualTo(503);
        assertThat(lookup.isOk()).isTrue();
    }

    @Test
    void aSlowdownDelaysTheAnswer() throws Exception {
        // given
        slack.slowdown("auth.test", Duration.ofMillis(300));

        // when
        long started = System.nanoTime();
        var answer = bot.authTest(r -> r);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // then
        assertThat(answer.isOk()).isTrue();
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aLostAnswerPostsTheMessageButTheCallerOnlySeesTheConnectionEnd() throws Exception {
        // given: a client that does not send a request again by itself
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(slack.apiUrl());
        var http = new com.slack.api.util.http.SlackHttpClient(
                com.slack.api.util.http.SlackHttpClient.buildOkHttpClient(config)
                        .newBuilder()
                        .retryOnConnectionFailure(false)
                        .build());
        try (Slack careful = Slack.getInstance(config, http)) {
            MethodsClient client = careful.methods(slack.botToken());
            client.authTest(r -> r); // the connection is kept for the next call
            slack.failNext("chat.postMessage", 1, Failure.answerLost(Duration.ZERO));

            // when
            Throwable lost = catchThrowable(
                    () -> client.chatPostMessage(r -> r.channel(ada.id()).text("arrived?")));

            // then: Slack has the message; the caller has no ts for it
            assertThat(lost).isInstanceOf(java.io.IOException.class);
        }
        assertThat(slack.dms(ada.id())).extracting(EmulatedMessage::text).containsExactly("arrived?");
        assertThat(slack.calls("chat.postMessage")).hasSize(1);
    }

    @Test
    void theSdksDefaultClientSendsAPostAgainWhenItsAnswerIsLostOnAKeptConnection() throws Exception {
        // given
        bot.authTest(r -> r);
        slack.failNext("chat.postMessage", 1, Failure.answerLost(Duration.ZERO));

        // when
        var answer = bot.chatPostMessage(r -> r.channel(ada.id()).text("once, I thought"));

        // then: no error at all, and two copies in Slack (why the app's client is built without this retry)
        assertThat(answer.isOk()).isTrue();
        assertThat(slack.dms(ada.id()))
                .extracting(EmulatedMessage::text)
                .containsExactly("once, I thought", "once, I thought");
    }

    @Test
    void anAnswerHeldPastTheCallersReadTimeoutIsATimeout() throws Exception {
        // given: a client that waits 300 ms for an answer
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(slack.apiUrl());
        config.setHttpClientReadTimeoutMillis(300);
        slack.failNext("chat.postMessage", 1, Failure.answerLost(Duration.ofSeconds(1)));
        try (Slack impatient = Slack.getInstance(config)) {

            // when
            Throwable lost = catchThrowable(() -> impatient
                    .methods(slack.botToken())
                    .chatPostMessage(r -> r.channel(ada.id()).text("posted in the dark")));

            // then
            assertThat(lost).isInstanceOf(java.net.SocketTimeoutException.class);
        }
        assertThat(slack.dms(ada.id())).extracting(EmulatedMessage::text).containsExactly("posted in the dark");
    }
}
