package dev.countersign.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.countersign.api.NewRequestBody;
import dev.countersign.emulator.EmulatedMessage;
import dev.countersign.emulator.InteractionResponse;
import dev.countersign.emulator.SlackEmulator.Delivery;
import dev.countersign.slack.inbound.RefusedCallbacks;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Only Slack, fresh, with the bytes it signed, can decide anything through {@code /slack/events}. Each attack is
 * built from a genuine click that was captured but never delivered, so the only thing wrong is the one thing tested.
 */
class SlackCallbackSecurityIT extends SlackEndToEnd {

    @Autowired
    MeterRegistry meters;

    private String id;
    private Delivery genuine;

    @BeforeEach
    void captureAGenuineClick() {
        id = api.create(NewRequestBody.request(
                                "Drop table audit_2019", team.alice().email())
                        .level(1, team.bob().email()))
                .path("id")
                .asString();
        EmulatedMessage toBob = team.awaitRequestDm(team.bob(), id);
        // A Request URL that is not the app: the click is signed and sent, but never reaches Countersign.
        pointSlackNowhere();
        try {
            slack.click(team.bob(), toBob, "approve");
        } catch (UncheckedIOException unreachable) {
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

    private double refusals(String reason) {
        return meters.get(RefusedCallbacks.METER)
                .tag("reason", reason)
                .counter()
                .count();
    }

    /**
     * The click was refused at the door, for the reason given: counted as such, so never handed on to be handled
     * after an ack. Then nothing about the request changed, and no callback about it was handled.
     */
    private void assertRefusedAndNothingChanged(String reason, double refusalsBefore) {
        assertThat(refusals(reason)).isEqualTo(refusalsBefore + 1);
        JsonNode request = api.fetch(id);
        assertThat(request.path("status").asString()).isEqualTo("pending");
        assertThat(request.path("decisions")).isEmpty();
        assertThat(callbackOutcomes(id)).isEmpty();
    }

    @Test
    void theGenuineClickIsAcceptedWhichProvesTheAttacksBelowDifferOnlyInWhatTheyBreak() {
        InteractionResponse response = slack.send(genuine.body(), genuine.headers());

        assertThat(response.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.fetch(id).path("status").asString(), "approved"::equals);
    }

    @Test
    void aClickSignedWithAnotherSecretIsRefused() {
        double before = refusals("bad-signature");
        long now = Instant.now().getEpochSecond();
        String forged = new com.slack.api.app_backend.SlackSignature.Generator("not-the-secret")
                .generate(Long.toString(now), genuine.body());

        InteractionResponse response = slack.send(
                genuine.body(),
                headers(Map.of("X-Slack-Request-Timestamp", Long.toString(now), "X-Slack-Signature", forged)));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).doesNotContain(slack.signingSecret());
        assertRefusedAndNothingChanged("bad-signature", before);
    }

    @Test
    void aStaleClickIsRefusedEvenWithAValidSignature() {
        double before = refusals("stale-timestamp");
        long sixMinutesAgo = Instant.now().minusSeconds(360).getEpochSecond();

        InteractionResponse response =
                slack.send(genuine.body(), headers(slack.signedHeaders(genuine.body(), sixMinutesAgo)));

        assertThat(response.status()).isEqualTo(401);
        assertRefusedAndNothingChanged("stale-timestamp", before);
    }

    @Test
    void aFutureDatedClickIsRefusedEvenWithAValidSignature() {
        double before = refusals("stale-timestamp");
        long inSixMinutes = Instant.now().plusSeconds(360).getEpochSecond();

        InteractionResponse response =
                slack.send(genuine.body(), headers(slack.signedHeaders(genuine.body(), inSixMinutes)));

        assertThat(response.status()).isEqualTo(401);
        assertRefusedAndNothingChanged("stale-timestamp", before);
    }

    @Test
    void aTamperedClickIsRefused() {
        double before = refusals("bad-signature");
        // Someone swaps the clicking user for another one in the signed body.
        String payload = URLDecoder.decode(genuine.body().substring("payload=".length()), StandardCharsets.UTF_8);
        String tampered = "payload="
                + URLEncoder.encode(
                        payload.replace(team.bob().id(), team.mallory().id()), StandardCharsets.UTF_8);
        assertThat(tampered).isNotEqualTo(genuine.body());

        InteractionResponse response = slack.send(tampered, genuine.headers());

        assertThat(response.status()).isEqualTo(401);
        assertRefusedAndNothingChanged("bad-signature", before);
    }

    @Test
    void aClickWithoutSignatureHeadersIsRefused() {
        double before = refusals("missing-signature");
        InteractionResponse response =
                slack.send(genuine.body(), Map.of("Content-Type", "application/x-www-form-urlencoded"));

        assertThat(response.status()).isEqualTo(401);
        assertRefusedAndNothingChanged("missing-signature", before);
    }

    @Test
    void slackRetryingADeliveryCountsOnceAndStaysQuiet() {
        InteractionResponse first = slack.send(genuine.body(), genuine.headers());
        InteractionResponse retry = slack.send(
                genuine.body(), headers(Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout")));

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.fetch(id).path("status").asString(), "approved"::equals);
        assertThat(api.fetch(id).path("decisions")).hasSize(1);
        // The retry is recognised as the same click: no "you already decided" reply for something bob did once.
        List<String> handled = await().atMost(Duration.ofSeconds(10))
                .until(() -> callbackOutcomesFrom(team.bob()), outcomes -> outcomes.size() >= 2);
        assertThat(handled).containsExactlyInAnyOrder("accepted", "ignored: delivered before");
        assertThat(slack.ephemerals(team.bob().id())).isEmpty();
    }
}
