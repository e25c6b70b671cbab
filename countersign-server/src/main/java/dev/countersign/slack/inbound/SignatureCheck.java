package dev.countersign.slack.inbound;

import com.slack.api.app_backend.SlackSignature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Slack's request signing, on the raw body: {@code v0=HMAC-SHA256(secret, "v0:" + timestamp + ":" + body)}. The SDK
 * computes the HMAC; two gaps in its verifier are closed here: the signature is compared in constant time, and a
 * timestamp more than five minutes away from now is refused in either direction (the SDK lets future ones through,
 * so a captured request could be replayed for as long as its forger chose). A timestamp that is not a number, or
 * a number no {@link Instant} can hold (the SDK would throw, and the caller answer 500), is refused as malformed.
 */
class SignatureCheck {

    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final Supplier<String> signingSecret;
    private final Clock clock;
    /** The generator for the secret in force; built again when an administrator changes the secret. */
    private volatile Keyed generator;

    private record Keyed(String secret, SlackSignature.Generator generator) {}

    /** Why a callback is refused, by kind: the kind is what is counted, the text what is logged. */
    enum Reason {
        MISSING_SIGNATURE("missing-signature"),
        MALFORMED_TIMESTAMP("malformed-timestamp"),
        STALE_TIMESTAMP("stale-timestamp"),
        BAD_SIGNATURE("bad-signature");

        private final String tag;

        Reason(String tag) {
            this.tag = tag;
        }

        /** The name in metrics and logs, e.g. {@code bad-signature}. */
        String tag() {
            return tag;
        }
    }

    /** A refused callback: the kind of refusal and a description that never mentions the secret. */
    record Refusal(Reason reason, String why) {}

    SignatureCheck(String signingSecret, Clock clock) {
        this(() -> signingSecret, clock);
    }

    SignatureCheck(Supplier<String> signingSecret, Clock clock) {
        this.signingSecret = signingSecret;
        this.clock = clock;
    }

    /** Why the request is refused, or empty when it is genuine and fresh. Never mentions the secret. */
    Optional<String> refusal(String timestamp, String signature, String body) {
        return check(timestamp, signature, body).map(Refusal::why);
    }

    /** The refusal, with its kind, or empty when the request is genuine and fresh. Never mentions the secret. */
    Optional<Refusal> check(String timestamp, String signature, String body) {
        if (timestamp == null || signature == null) {
            return refuse(Reason.MISSING_SIGNATURE, "missing X-Slack-Request-Timestamp or X-Slack-Signature");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return refuse(Reason.MALFORMED_TIMESTAMP, "malformed timestamp");
        }
        if (seconds < Instant.MIN.getEpochSecond() || seconds > Instant.MAX.getEpochSecond()) {
            return refuse(Reason.MALFORMED_TIMESTAMP, "malformed timestamp");
        }
        Instant sent = Instant.ofEpochSecond(seconds);
        Duration skew = Duration.between(sent, clock.instant()).abs();
        if (skew.compareTo(TOLERANCE) > 0) {
            return refuse(
                    Reason.STALE_TIMESTAMP, "timestamp " + seconds + " is " + skew.toSeconds() + " s away from now");
        }
        String secret = signingSecret.get();
        if (secret == null) {
            return refuse(Reason.BAD_SIGNATURE, "no signing secret is configured, so no callback can be trusted");
        }
        Keyed keyed = generator;
        if (keyed == null || !keyed.secret().equals(secret)) {
            keyed = new Keyed(secret, new SlackSignature.Generator(secret));
            generator = keyed;
        }
        String expected = keyed.generator().generate(timestamp.strip(), body);
        if (!MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), signature.strip().getBytes(StandardCharsets.UTF_8))) {
            return refuse(Reason.BAD_SIGNATURE, "signature does not match");
        }
        return Optional.empty();
    }

    private static Optional<Refusal> refuse(Reason reason, String why) {
        return Optional.of(new Refusal(reason, why));
    }
}
