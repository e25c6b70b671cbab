package dev.countersign.slack.inbound;

import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.ViewState;
import dev.countersign.approval.ApprovalException;
import dev.countersign.approval.Credential;
import dev.countersign.approval.DecideRequest;
import dev.countersign.approval.Email;
import dev.countersign.approval.Verdict;
import dev.countersign.approval.Via;
import dev.countersign.slack.delivery.SlackCallFailed;
import dev.countersign.slack.inbound.DecidingInSlack.CannotDecide;
import dev.countersign.slack.inbound.DecidingInSlack.MayDecide;
import dev.countersign.slack.render.ButtonValue;
import dev.countersign.slack.render.RequestMessages;
import dev.countersign.slack.store.SlackExchangeLog;
import dev.countersign.slack.store.SlackExchangeLog.Direction;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reason modal was submitted ({@code approve-reason} or {@code reject-reason}, one instance each): decided before
 * the answer, so that a refusal shows inside the modal next to the reason.
 */
class ReasonSubmitted implements ViewSubmissionHandler {

    private static final Logger log = LoggerFactory.getLogger(ReasonSubmitted.class);

    private final Verdict verdict;
    private final DecidingInSlack deciding;
    private final DecideRequest decide;
    private final SlackExchangeLog exchanges;

    ReasonSubmitted(Verdict verdict, DecidingInSlack deciding, DecideRequest decide, SlackExchangeLog exchanges) {
        this.verdict = verdict;
        this.deciding = deciding;
        this.decide = decide;
        this.exchanges = exchanges;
    }

    @Override
    public Response apply(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        ViewSubmissionPayload payload = req.getPayload();
        String userId = payload.getUser().getId();
        String name = "view_submission " + payload.getView().getCallbackId();
        String reason = reason(payload);
        if (reason == null || reason.isBlank()) {
            return ctx.ackWithErrors(Map.of(RequestMessages.REASON_BLOCK, "Please give a reason."));
        }
        ButtonValue button;
        Email onBehalfOf;
        try {
            String metadata = payload.getView().getPrivateMetadata();
            int behalf = metadata == null ? -1 : metadata.indexOf(RequestMessages.ON_BEHALF_SEPARATOR);
            button = ButtonValue.parse(behalf < 0 ? metadata : metadata.substring(0, behalf));
            onBehalfOf = behalf < 0 ? null : new Email(metadata.substring(behalf + 1));
        } catch (IllegalArgumentException | ApprovalException e) {
            record(name, null, userId, "refused: " + e.getMessage());
            return ctx.ackWithErrors(Map.of(RequestMessages.REASON_BLOCK, "This form does not belong to a request."));
        }
        String requestId = button.requestId().value();
        try {
            DecidingInSlack.Judged judged = deciding.judge(
                    button, payload.getTeam() == null ? null : payload.getTeam().getId(), userId);
            if (judged instanceof CannotDecide cannot) {
                record(name, requestId, userId, cannot.outcome());
                return ctx.ackWithErrors(Map.of(RequestMessages.REASON_BLOCK, cannot.why()));
            }
            Email clicker = ((MayDecide) judged).clicker();
            decide.decide(
                    button.requestId(),
                    clicker,
                    onBehalfOf,
                    verdict,
                    reason.strip(),
                    Via.SLACK,
                    Credential.slackUser(userId));
            record(name, requestId, userId, "accepted");
            return ctx.ack();
        } catch (ApprovalException refused) {
            record(name, requestId, userId, "refused: " + refused.getMessage());
            return ctx.ackWithErrors(
                    Map.of(RequestMessages.REASON_BLOCK, "You cannot do that: " + refused.getMessage()));
        } catch (SlackCallFailed e) {
            record(name, requestId, userId, "failed: " + e.error());
            return ctx.ackWithErrors(Map.of(
                    RequestMessages.REASON_BLOCK,
                    "Countersign could not check with " + "Slack who you are (" + e.error()
                            + "). Nothing was changed. Please try again."));
        } catch (RuntimeException e) {
            log.error("Handling a modal submission on request {} failed", requestId, e);
            record(name, requestId, userId, "failed: " + e.getClass().getSimpleName());
            return ctx.ackWithErrors(Map.of(
                    RequestMessages.REASON_BLOCK,
                    "Countersign could not record this " + "just now: " + e.getMessage() + " Please try again."));
        }
    }

    private void record(String name, String requestId, String userId, String outcome) {
        exchanges.record(Direction.IN, name, requestId, userId, outcome, null);
    }

    private static String reason(ViewSubmissionPayload payload) {
        var values = payload.getView().getState() == null
                ? null
                : payload.getView().getState().getValues();
        if (values == null) {
            return null;
        }
        Map<String, ViewState.Value> block = values.get(RequestMessages.REASON_BLOCK);
        ViewState.Value input = block == null ? null : block.get(RequestMessages.REASON_INPUT);
        return input == null ? null : input.getValue();
    }
}
