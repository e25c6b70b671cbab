package dev.countersign.slack.inbound;

import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.Email;
import dev.countersign.approval.Status;
import dev.countersign.slack.CurrentSlackSettings;
import dev.countersign.slack.render.ButtonValue;
import dev.countersign.slack.render.RequestMessages;
import java.util.Optional;

/**
 * Whether a click or a reason modal names something one can still decide from Slack, and who is deciding: the
 * request exists, still asks the level the button was drawn for, deciding from Slack is on, and Slack vouches for
 * the clicker. What they may decide is then the core's to judge.
 */
class DecidingInSlack {

    static final String DECIDING_FROM_SLACK_OFF = "Deciding from Slack is turned off by an administrator; "
            + "nothing was changed. Use the Details button to decide on the request's page.";

    /** Why a decision from Slack cannot even be put to the core. */
    enum Obstacle {
        GONE,
        OUTDATED,
        TURNED_OFF,
        NOT_IDENTIFIED
    }

    sealed interface Judged {}

    /** The request as it is now, and the person Slack vouches for. */
    record MayDecide(ApprovalRequest request, Email clicker) implements Judged {}

    /**
     * @param why     for the clicker
     * @param outcome for the exchange log, in short
     */
    record CannotDecide(Obstacle obstacle, String why, String outcome) implements Judged {}

    private final ApprovalRequests requests;
    private final CurrentSlackSettings settings;
    private final SlackIdentities identities;
    private final RequestMessages messages;

    DecidingInSlack(
            ApprovalRequests requests,
            CurrentSlackSettings settings,
            SlackIdentities identities,
            RequestMessages messages) {
        this.requests = requests;
        this.settings = settings;
        this.identities = identities;
        this.messages = messages;
    }

    /** @param teamId the workspace the payload names, checked against the installed one */
    Judged judge(ButtonValue button, String teamId, String userId) {
        Optional<ApprovalRequest> found = requests.find(button.requestId());
        if (found.isEmpty()) {
            return new CannotDecide(Obstacle.GONE, "This request no longer exists.", "refused: outdated");
        }
        ApprovalRequest request = found.get();
        if (!request.asks(button.level())) {
            return new CannotDecide(Obstacle.OUTDATED, outdated(request, button.level()), "refused: outdated");
        }
        if (!settings.buttons()) {
            return new CannotDecide(
                    Obstacle.TURNED_OFF, DECIDING_FROM_SLACK_OFF, "refused: deciding from Slack is off");
        }
        SlackIdentities.Identity identity = identities.identify(teamId, userId);
        if (identity instanceof SlackIdentities.Refused refused) {
            return new CannotDecide(Obstacle.NOT_IDENTIFIED, refused.why(), refused.outcome());
        }
        return new MayDecide(request, ((SlackIdentities.Person) identity).email());
    }

    private String outdated(ApprovalRequest request, int level) {
        if (request.status() == Status.PENDING) {
            return "This message is outdated: level " + level + " is no longer being asked; the request waits for "
                    + "level " + request.levelNumber() + " now. Nothing was changed.";
        }
        if (request.status() == Status.EXPIRED) {
            return "This request expired before anyone decided; nothing was changed. " + messages.outcome(request);
        }
        return "This request is already decided, nothing was changed. " + messages.outcome(request);
    }
}
