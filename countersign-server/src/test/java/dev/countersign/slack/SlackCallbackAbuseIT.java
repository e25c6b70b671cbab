package dev.countersign.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.countersign.api.NewRequestBody;
import dev.countersign.emulator.EmulatedMessage;
import dev.countersign.emulator.SlackEmulator.Delivery;
import dev.countersign.slack.inbound.RefusedCallbacks;
import dev.countersign.slack.store.SlackExchangeLog;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code /slack/events} under abuse, over real HTTP: whatever a caller sends, a refusal is a 401 (never a 500),
 * counted in a metric and not written to the database; an address that keeps being refused is slowed down while
 * Slack, calling from its own address, is still heard. Each test calls from an address of its own on the loopback
 * network ({@code 127.x.y.z}), so that what one test provokes never slows another down.
 */
class SlackCallbackAbuseIT extends SlackEndToEnd {

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SlackExchangeLog exchanges;

    private InetAddress caller;
    private HttpClient fromCaller;

    @BeforeEach
    void anAddressOfItsOwn() throws IOException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        caller = InetAddress.getByAddress(new byte[] {
            127, (byte) random.nextInt(1, 255), (byte) random.nextInt(1, 255), (byte) random.nextInt(2, 255)
        });
        fromCaller = HttpClient.newBuilder()
                .localAddress(caller)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    private record Answer(int status, String body, String retryAfter) {}

    private Answer call(String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = fromCaller.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue("Retry-After").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private double refusals(String reason) {
        return meters.get(RefusedCallbacks.METER)
                .tag("reason", reason)
                .counter()
                .count();
    }

    private long callbacksLoggedSince(Instant since) {
        exchanges.flush();
        return jdbc.sql("select count(*) from slack_exchange where direction = 'in' and at >= ?")
                .param(since.atOffset(ZoneOffset.UTC))
                .query(Long.class)
                .single();
    }

    /** A genuine click on bob's DM, captured on its way and never delivered. */
    private Delivery aCapturedClick(String id) {
        EmulatedMessage toBob = team.awaitRequestDm(team.bob(), id);
        pointSlackNowhere();
        try {
            slack.click(team.bob(), toBob, "approve");
        } catch (UncheckedIOException unreachable) {
            // expected: nothing listens there
        }
        Delivery click = slack.lastDelivery();
        pointSlackAtTheApp();
        return click;
    }

    private String aRequestForBob() {
        return api.create(NewRequestBody.request(
                                "Truncate table sessions", team.alice().email())
                        .level(1, team.bob().email()))
                .path("id")
                .asString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no signature headers          |                      |             | missing-signature
            a signature of zeros          | NOW                  | v0=00000000 | bad-signature
            a timestamp ten minutes old   | TEN_MINUTES_AGO      | v0=00000000 | stale-timestamp
            a word for a timestamp        | yesterday            | v0=00000000 | malformed-timestamp
            a timestamp no long can hold  | 99999999999999999999 | v0=00000000 | malformed-timestamp
            a timestamp before all time   | -9223372036854775808 | v0=00000000 | malformed-timestamp
            a timestamp after all time    | 9223372036854775807  | v0=00000000 | malformed-timestamp
            """)
    void aRefusedCallIsAnsweredUnauthorizedCountedAndNotWrittenToTheDatabase(
            String what, String timestamp, String signature, String reason) {
        // given
        Instant start = Instant.now().minusMillis(1);
        double before = refusals(reason);
        Map<String, String> headers = new HashMap<>();
        if (timestamp != null) {
            long now = Instant.now().getEpochSecond();
            headers.put(
                    "X-Slack-Request-Timestamp",
                    switch (timestamp) {
                        case "NOW" -> Long.toString(now);
                        case "TEN_MINUTES_AGO" -> Long.toString(now - 600);
                        default -> timestamp;
                    });
            headers.put("X-Slack-Signature", signature);
        }

        // when
        Answer response = call("payload=%7B%22type%22%3A%22block_actions%22%7D", headers);

        // then
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).contains("invalid request signature").doesNotContain(slack.signingSecret());
        assertThat(refusals(reason)).isEqualTo(before + 1);
        assertThat(callbacksLoggedSince(start)).isZero();
    }

    @Test
    void aCallTooLargeToBeSlacksIsRefusedAndCounted() {
        // given
        double before = refusals(RefusedCallbacks.TOO_LARGE);

        // when
        Answer response = call("payload=" + "x".repeat(1024 * 1024), Map.of());

        // then
        assertThat(response.status()).isEqualTo(413);
        assertThat(refusals(RefusedCallbacks.TOO_LARGE)).isEqualTo(before + 1);
    }

    @Test
    void anAddressThatKeepsBeingRefusedIsSlowedDownWhileSlackIsStillHeardAndItIsHeardAgainAfterTheWindow() {
        // given: a request for Slack to decide, and a genuine click on another to send from the noisy address
        String id = aRequestForBob();
        EmulatedMessage toBob = team.awaitRequestDm(team.bob(), id);
        String later = aRequestForBob();
        Delivery click = aCapturedClick(later);
        for (int i = 0; i < 20; i++) {
            assertThat(call(click.body(), Map.of()).status()).isEqualTo(401);
        }
        double slowedDown = refusals(RefusedCallbacks.SLOWED_DOWN);

        // when
        Answer slowed = call(
                click.body(), slack.signedHeaders(click.body(), Instant.now().getEpochSecond()));

        // then: the noisy address waits, even with a good signature; Slack, from its own address, does not
        assertThat(slowed.status()).isEqualTo(429);
        assertThat(Integer.parseInt(slowed.retryAfter())).isBetween(1, 2); // the test app's window is 2 s
        assertThat(refusals(RefusedCallbacks.SLOWED_DOWN)).isEqualTo(slowedDown + 1);
        assertThat(api.fetch(later).path("status").asString()).isEqualTo("pending");
        assertThat(slack.click(team.bob(), toBob, "approve").status()).isEqualTo(200);
        awaitStatus(id, "approved");

        // and once the window has passed, a signed call from that address is heard again
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> call(
                                        click.body(),
                                        slack.signedHeaders(
                                                click.body(), Instant.now().getEpochSecond()))
                                .status()
                        == 200);
        awaitStatus(later, "approved");
    }
}
