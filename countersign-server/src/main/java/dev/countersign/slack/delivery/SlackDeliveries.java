package dev.countersign.slack.delivery;

import dev.countersign.delivery.Channel;
import dev.countersign.delivery.Delivery;
import dev.countersign.delivery.DeliveryChannel;
import dev.countersign.delivery.DeliveryHandler;
import dev.countersign.slack.CurrentSlackSettings;
import java.util.List;
import java.util.Optional;

/**
 * Slack's deliveries: one handler per kind, each carrying it out against Slack. A handler throws {@link
 * SlackCallFailed} when Slack did not take it; the dispatcher decides whether to try again. Each delivery can run
 * again after a crash or a lost answer: a one-off message is not sent twice once a copy is recorded or found in
 * Slack ({@link SlackDms}); when a copy slips through all the same (Slack would not let us look, a node died between
 * posting and recording), every recorded copy is redrawn alike ({@link RefreshHandler}).
 */
class SlackDeliveries implements DeliveryChannel {

    private final SlackApi slack;
    private final CurrentSlackSettings settings;
    private final List<DeliveryHandler<?>> handlers;

    SlackDeliveries(SlackApi slack, CurrentSlackSettings settings, List<DeliveryHandler<?>> handlers) {
        this.slack = slack;
        this.settings = settings;
        this.handlers = List.copyOf(handlers);
    }

    @Override
    public Channel channel() {
        return Channel.SLACK;
    }

    /** Whether Slack can be called at all: there is a bot token, configured or stored by an administrator. */
    @Override
    public boolean canSend() {
        return slack.hasToken();
    }

    /**
     * Why an administrator's settings hold this delivery back, if they do. Only new DMs are held back: channel posts
     * go on, and messages already sent are still brought up to date, so that nothing in Slack shows a stale state.
     */
    @Override
    public Optional<String> heldBack(Delivery delivery) {
        if (delivery.dm() && !settings.notifications()) {
            return Optional.of("Slack DM notifications are turned off");
        }
        if (delivery.toApprover() && !settings.approverDms()) {
            return Optional.of("DMs to approvers are turned off");
        }
        return Optional.empty();
    }

    @Override
    public List<DeliveryHandler<?>> handlers() {
        return handlers;
    }
}
