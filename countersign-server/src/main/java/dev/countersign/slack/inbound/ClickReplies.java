package dev.countersign.slack.inbound;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import dev.countersign.slack.delivery.SlackApi;
import dev.countersign.slack.delivery.SlackCallFailed;
import dev.countersign.slack.store.SlackExchangeLog;
import dev.countersign.slack.store.SlackExchangeLog.Direction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a click leaves behind: a line in the exchange log, and for a refusal an ephemeral reply only the clicker
 * sees, saying why nothing changed.
 */
class ClickReplies {

    private static final Logger log = LoggerFactory.getLogger(ClickReplies.class);

    private final SlackApi slack;
    private final SlackExchangeLog exchanges;

    ClickReplies(SlackApi slack, SlackExchangeLog exchanges) {
        this.slack = slack;
        this.exchanges = exchanges;
    }

    /** The click's line in the exchange log. */
    void record(BlockActionPayload payload, String name, String requestId, String outcome) {
        exchanges.record(Direction.IN, name, requestId, payload.getUser().getId(), outcome, null);
    }

    /** Refused with these words, which the exchange log keeps too. */
    void refuse(BlockActionPayload payload, String name, String requestId, String why) {
        refuse(payload, name, requestId, "refused: " + why, why);
    }

    void refuse(BlockActionPayload payload, String name, String requestId, String outcome, String why) {
        record(payload, name, requestId, outcome);
        reply(payload, requestId, why);
    }

    /** An ephemeral message only the clicker sees: through the response_url, else chat.postEphemeral. */
    void reply(BlockActionPayload payload, String requestId, String text) {
        try {
            if (payload.getResponseUrl() != null) {
                slack.respondEphemeral(payload.getResponseUrl(), text, requestId);
            } else if (payload.getChannel() != null) {
                slack.postEphemeral(
                        payload.getChannel().getId(), payload.getUser().getId(), text, requestId);
            }
        } catch (SlackCallFailed e) {
            log.warn(
                    "Could not tell {} why their click was refused: {}",
                    payload.getUser().getId(),
                    e.error());
        }
    }
}
