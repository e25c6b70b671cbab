package dev.countersign.slack;

import dev.countersign.api.NewRequestBody;
import dev.countersign.emulator.EmulatedMessage;
import dev.countersign.emulator.InteractionResponse;
import dev.countersign.emulator.SlackEmulator.Delivery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Only Slack, fresh, with the bytes it signed, can decide anything through {@code /slack/events}. Each attack is
 * built from a genuine click that was captured but never delivered, so the only thing wrong is the one thing tested.
 */
class SlackCallbackSecurityIT extends SlackEndToEnd {

    private String id;
    private Delivery genuine;

    @BeforeEach
    void captureAGenuineClick() {
        id = api.create(NewRequestBody.request("Drop table audit_2019", team.alice().email())
                .level(1, team.bob().email())).path("id").asString();
        EmulatedMessage toBob = team.awaitRequestDm(team.bob(), id);
        // A Request URL that is not the app: the click is signed and sent, but never reaches Countersign.
        pointSlackNowhere();
        try {
            slack.click(team.bob(), toBob, "approve");
        } catch (RuntimeException unreachable) {
            // expected: nothing listens there
        }
        genuine = slack.lastDelivery();
        pointSlackAtTheApp();
    }

    private Map<String, String> headers(Map<String, String> replacing) {
        Map<String, String> headers = new HashMap<>(genuine.headers());
        headers.putAll(replacing);
        return headers;
    }

    /** Clicks are handled after the ack: a wrongly accepted one is given half a second to land. */
    private void assertNothingChanged() {
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.fetch(id), request -> request.path("status").asString().equals("pending")
                        && request.path("decisions").isEmpty());
    }

    @Test
    void theGenuineClickIsAcceptedWhichProvesTheAttacksBelowDifferOnlyInWhatTheyBreak() {
        InteractionResponse response = slack.send(genuine.body(), genuine.headers());

        assertThat(response.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.fetch(id).path("status").asString(), "approved"::equals);
    }

    @Test
    void aClickSignedWithAnotherSecretIsRefused() {
        long now = Instant.now().getEpochSecond();
        String forged = new com.slack.api.app_backend.SlackSignature.Generator("not-the-secret")
                .generate(Long.toString(now), genuine.body());

        InteractionResponse response = slack.send(genuine.body(), headers(Map.of(
                "X-Slack-Request-Timestamp", Long.toString(now), "X-Slack-Signature", forged)));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).doesNotContain(slack.signingSecret());
        assertNothingChanged();
    }

    @Test
    void aStaleClickIsRefusedEvenWithAValidSignature() {
        long sixMinutesAgo = Instant.now().minusSeconds(360).getEpochSecond();

        InteractionResponse response = slack.send(genuine.body(),
                headers(slack.signedHeaders(genuine.body(), sixMinutesAgo)));

        assertThat(response.status()).isEqualTo(401);
        assertNothingChanged();
    }

    @Test
    void aFutureDatedClickIsRefusedEvenWithAValidSignature() {
        long inSixMinutes = Instant.now().plusSeconds(360).getEpochSecond();

        InteractionResponse response = slack.send(genuine.body(),
                headers(slack.signedHeaders(genuine.body(), inSixMinutes)));

        assertThat(response.status()).isEqualTo(401);
        assertNothingChanged();
    }

    @Test
    void aTamperedClickIsRefused() {
        // Someone swaps the clicking user for another one in the signed body.
        String payload = URLDecoder.decode(genuine.body().substring("payload=".length()), StandardCharsets.UTF_8);
        String tampered = "payload=" + URLEncoder.encode(payload.replace(team.bob().id(), team.mallory().id()),
                StandardCharsets.UTF_8);
        assertThat(tampered).isNotEqualTo(genuine.body());

        InteractionResponse response = slack.send(tampered, genuine.headers());

        assertThat(response.status()).isEqualTo(401);
        assertNothingChanged();
    }

    @Test
    void aClickWithoutSignatureHeadersIsRefused() {
        InteractionResponse response = slack.send(genuine.body(),
                Map.of("Content-Type", "application/x-www-form-urlencoded"));

        assertThat(response.status()).isEqualTo(401);
        assertNothingChanged();
    }

    @Test
    void slackRetryingADeliveryCountsOnceAndStaysQuiet() {
        InteractionResponse first = slack.send(genuine.body(), genuine.headers());
        InteractionResponse retry = slack.send(genuine.body(), headers(Map.of("X-Slack-Retry-Num", "1",
                "X-Slack-Retry-Reason", "http_timeout")));

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.fetch(id).path("status").asString(), "approved"::equals);
        assertThat(api.fetch(id).path("decisions")).hasSize(1);
        // The retry is recognised as the same click: no "you already decided" reply for something bob did once.
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> slack.ephemerals(team.bob().id()).isEmpty());
    }
}
