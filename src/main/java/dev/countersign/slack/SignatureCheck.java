package dev.countersign.slack;

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
 * so a captured request could be replayed for as long as its forger chose).
 */
class SignatureCheck {

    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final Supplier<String> signingSecret;
    private final Clock clock;
    /** The generator for the secret in force; built again when an administrator changes the secret. */
    private volatile Keyed generator;

    private record Keyed(String secret, SlackSignature.Generator generator) {
    }

    SignatureCheck(String signingSecret, Clock clock) {
        this(() -> signingSecret, clock);
    }

    SignatureCheck(Supplier<String> signingSecret, Clock clock) {
        this.signingSecret = signingSecret;
        this.clock = clock;
    }

    /** Why the request is refused, or empty when it is genuine and fresh. Never mentions the secret. */
    Optional<String> refusal(String timestamp, String signature, String body) {
        if (timestamp == null || signature == null) {
            return Optional.of("missing X-Slack-Request-Timestamp or X-Slack-Signature");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return Optional.of("malformed timestamp");
        }
        Instant sent = Instant.ofEpochSecond(seconds);
        Duration skew = Duration.between(sent, clock.instant()).abs();
        if (skew.compareTo(TOLERANCE) > 0) {
            return Optional.of("timestamp " + seconds + " is " + skew.toSeconds() + " s away from now");
        }
        String secret = signingSecret.get();
        if (secret == null) {
            return Optional.of("no signing secret is configured, so no callback can be trusted");
        }
        Keyed keyed = generator;
        if (keyed == null || !keyed.secret().equals(secret)) {
            keyed = new Keyed(secret, new SlackSignature.Generator(secret));
            generator = keyed;
        }
        String expected = keyed.generator().generate(timestamp.strip(), body);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                signature.strip().getBytes(StandardCharsets.UTF_8))) {
            return Optional.of("signature does not match");
        }
        return Optional.empty();
    }
}
