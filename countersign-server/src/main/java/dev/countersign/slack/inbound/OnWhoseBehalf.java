package dev.countersign.slack.inbound;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.DecideRequest;
import dev.countersign.approval.DecisionNotAllowed;
import dev.countersign.approval.Email;
import dev.countersign.approval.Mandates;
import dev.countersign.slack.render.SlackText;
import dev.countersign.slack.store.SlackMessages;
import java.time.Clock;

/**
 * Whom a click decides for. A click on a DM that asked the clicker on someone's behalf acts for that person, while
 * the delegation lasts (checked now: buttons sent earlier stop working the moment it ends). Elsewhere (a channel
 * post, their own DM) someone who is not asked on the level but holds a mandate for exactly one approver still
 * waiting there acts for that approver; whom, the core says.
 */
class OnWhoseBehalf {

    /** Whom the clicker decides for: themselves ({@code onBehalfOf} null) or an approver; or why not at all. */
    record Acting(Email onBehalfOf, String refusal) {}

    private final SlackMessages posted;
    private final Mandates mandates;
    private final DecideRequest decide;
    private final Clock clock;

    OnWhoseBehalf(SlackMessages posted, Mandates mandates, DecideRequest decide, Clock clock) {
        this.posted = posted;
        this.mandates = mandates;
        this.decide = decide;
        this.clock = clock;
    }

    Acting of(BlockActionPayload payload, ApprovalRequest request, Email clicker) {
        var container = payload.getContainer();
        String channel = container != null && container.getChannelId() != null
                ? container.getChannelId()
                : payload.getChannel() == null ? null : payload.getChannel().getId();
        var message = posted.at(channel, container == null ? null : container.getMessageTs());
        if (message.isPresent() && message.get().onBehalfOf() != null) {
            Email principal = new Email(message.get().onBehalfOf());
            if (!mandates.mayActFor(clicker, principal, clock.instant())) {
                return new Acting(
                        null,
                        "Your delegation from " + SlackText.line(principal.value())
                                + " is no longer active (it ended or "
                                + "was revoked), so you cannot decide in their place any more. Nothing was changed.");
            }
            return new Acting(principal, null);
        }
        try {
            return new Acting(decide.principalFor(request, clicker, clock.instant()), null);
        } catch (DecisionNotAllowed severalPrincipals) {
            return new Acting(
                    null,
                    "You cannot do that: " + SlackText.escape(severalPrincipals.getMessage())
                            + ". Decide for one of them from the DM you got on their behalf. Nothing was changed.");
        }
    }
}
