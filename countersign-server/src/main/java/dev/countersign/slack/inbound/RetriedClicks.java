package dev.countersign.slack.inbound;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import dev.countersign.slack.store.SeenInteractions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Slack retries a delivery it thinks failed, with the same payload. The first delivery of a click is recorded; later
 * ones are recognised and ignored. (A second click is a new delivery, and the core refuses a second vote.)
 */
class RetriedClicks {

    private static final Duration REMEMBER_DELIVERIES = Duration.ofDays(1);

    private final SeenInteractions seen;
    private final Clock clock;

    RetriedClicks(SeenInteractions seen, Clock clock) {
        this.seen = seen;
        this.clock = clock;
    }

    boolean firstDelivery(BlockActionPayload payload, BlockActionPayload.Action action) {
        String fingerprint = sha256(payload.getUser().getId() + "|" + action.getActionTs() + "|"
                + action.getActionId() + "|" + action.getValue() + "|"
                + (payload.getContainer() == null ? "" : payload.getContainer().getMessageTs()));
        return seen.firstTime(fingerprint, clock.instant());
    }

    /** Forgets deliveries older than Slack would ever retry. */
    void forgetOldDeliveries() {
        seen.forgetBefore(clock.instant().minus(REMEMBER_DELIVERIES));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
