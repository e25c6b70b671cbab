package dev.countersign.slack.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.app_backend.SlackSignature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignatureCheckTest {

    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String BODY = "payload=%7B%22type%22%3A%22block_actions%22%7D";

    private final SignatureCheck check = new SignatureCheck(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    private static String signed(long timestamp, String body) {
        return new SlackSignature.Generator(SECRET).generate(Long.toString(timestamp), body);
    }

    @Test
    void aGenuineFreshRequestPasses() {
        long ts = NOW.getEpochSecond() - 10;
        assertThat(check.refusal(Long.toString(ts), signed(ts, BODY), BODY)).isEmpty();
    }

    @Test
    void timestampsUpToFiveMinutesAwayPassInBothDirections() {
        long past = NOW.getEpochSecond() - 300;
        long future = NOW.getEpochSecond() + 300;
        assertThat(check.refusal(Long.toString(past), signed(past, BODY), BODY)).isEmpty();
        assertThat(check.refusal(Long.toString(future), signed(future, BODY), BODY))
                .isEmpty();
    }

    @Test
    void aStaleRequestIsRefusedEvenWhenCorrectlySigned() {
        long ts = NOW.getEpochSecond() - 301;
        assertThat(check.refusal(Long.toString(ts), signed(ts, BODY), BODY))
                .hasValueSatisfying(why -> assertThat(why).contains("away from now"));
    }

    @Test
    void aFutureDatedRequestIsRefusedEvenWhenCorrectlySigned() {
        long ts = NOW.getEpochSecond() + 301;
        assertThat(check.refusal(Long.toString(ts), signed(ts, BODY), BODY)).isPresent();
    }

    @Test
    void aTamperedBodyOrAnotherSecretIsRefused() {
        long ts = NOW.getEpochSecond();
        String signature = signed(ts, BODY);
        assertThat(check.refusal(Long.toString(ts), signature, BODY + "x")).hasValue("signature does not match");
        String forged = new SlackSignature.Generator("another-secret").generate(Long.toString(ts), BODY);
        assertThat(check.refusal(Long.toString(ts), forged, BODY)).hasValue("signature does not match");
    }

    @Test
    void missingOrMalformedHeadersAreRefusedWithoutRevealingTheSecret() {
        assertThat(check.refusal(null, "v0=abc", BODY)).isPresent();
        assertThat(check.refusal("123", null, BODY)).isPresent();
        assertThat(check.refusal("yesterday", "v0=abc", BODY)).hasValue("malformed timestamp");
        long ts = NOW.getEpochSecond();
        assertThat(check.refusal(Long.toString(ts), "v0=00", BODY))
                .hasValueSatisfying(why -> assertThat(why).doesNotContain(SECRET));
    }

    @Test
    void aTimestampNoInstantCanHoldIsMalformedNotAnError() {
        for (String timestamp :
                new String[] {"-9223372036854775808", "9223372036854775807", "99999999999999999999", "31556889864403200"
                }) {
            assertThat(check.check(timestamp, "v0=abc", BODY)).hasValueSatisfying(refusal -> {
                assertThat(refusal.reason()).isEqualTo(SignatureCheck.Reason.MALFORMED_TIMESTAMP);
                assertThat(refusal.why()).isEqualTo("malformed timestamp");
            });
        }
    }

    @Test
    void eachRefusalSaysItsKind() {
        long ts = NOW.getEpochSecond();
        assertThat(check.check(null, null, BODY))
                .map(SignatureCheck.Refusal::reason)
                .hasValue(SignatureCheck.Reason.MISSING_SIGNATURE);
        assertThat(check.check(Long.toString(ts - 301), signed(ts - 301, BODY), BODY))
                .map(SignatureCheck.Refusal::reason)
                .hasValue(SignatureCheck.Reason.STALE_TIMESTAMP);
        assertThat(check.check(Long.toString(ts), "v0=00", BODY))
                .map(SignatureCheck.Refusal::reason)
                .hasValue(SignatureCheck.Reason.BAD_SIGNATURE);
    }
}
