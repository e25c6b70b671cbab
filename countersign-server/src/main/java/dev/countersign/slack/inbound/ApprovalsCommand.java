package dev.countersign.slack.inbound;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.Email;
import dev.countersign.approval.RequestId;
import dev.countersign.slack.delivery.SlackCallFailed;
import dev.countersign.slack.render.OverviewBlocks;
import dev.countersign.slack.render.SlackMessage;
import dev.countersign.slack.store.SlackExchangeLog;
import dev.countersign.slack.store.SlackExchangeLog.Direction;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /approvals}: each person's approvals inside Slack, answered at once and only to whoever typed it. The same
 * two lists as the App Home tab; a click on their buttons is an ordinary click ({@link ApproveButton},
 * {@link RejectButton}).
 */
class ApprovalsCommand implements SlashCommandHandler {

    private static final Logger log = LoggerFactory.getLogger(ApprovalsCommand.class);
    private static final Pattern REQUEST_ID = Pattern.compile("[0-9a-f]{32}");

    private final ApprovalRequests requests;
    private final SlackIdentities identities;
    private final ApprovalOverviews overviews;
    private final OverviewBlocks blocks;
    private final SlackExchangeLog exchanges;
    private final Clock clock;

    ApprovalsCommand(
            ApprovalRequests requests,
            SlackIdentities identities,
            ApprovalOverviews overviews,
            OverviewBlocks blocks,
            SlackExchangeLog exchanges,
            Clock clock) {
        this.requests = requests;
        this.identities = identities;
        this.overviews = overviews;
        this.blocks = blocks;
        this.exchanges = exchanges;
        this.clock = clock;
    }

    /** The answer to {@code /approvals …}, as the command's own (ephemeral) response. */
    @Override
    public Response apply(SlashCommandRequest req, SlashCommandContext ctx) {
        SlashCommandPayload payload = req.getPayload();
        String userId = payload.getUserId();
        String text = payload.getText() == null ? "" : payload.getText().strip();
        SlackMessage answer;
        String outcome;
        String id = text.toLowerCase(Locale.ROOT);
        try {
            if (text.equalsIgnoreCase("help")) {
                answer = blocks.help(null);
                outcome = "help";
            } else if (!text.isEmpty() && !REQUEST_ID.matcher(id).matches()) {
                answer = blocks.help(text);
                outcome = "help: not understood";
            } else {
                SlackIdentities.Identity identity = identities.identify(payload.getTeamId(), userId);
                Optional<Email> person = identity instanceof SlackIdentities.Person known
                        ? Optional.of(known.email())
                        : Optional.empty();
                if (identity instanceof SlackIdentities.Refused refused) {
                    answer = blocks.notice(refused.whyNoLists());
                    outcome = refused.outcome();
                } else if (text.isEmpty()) {
                    answer = blocks.overview(overviews.of(person.get(), clock.instant()));
                    outcome = "listed";
                } else {
                    answer = one(new RequestId(id), person.get());
                    outcome = "shown one";
                }
            }
        } catch (SlackCallFailed e) {
            answer = blocks.notice(
                    e.retryable()
                            ? "Countersign could not reach Slack to find out who you are (" + e.error()
                                    + "). Please try again in a moment."
                            : "Countersign cannot tell who you are: Slack answered " + e.error()
                                    + " for your account.");
            outcome = "failed: " + e.error();
        } catch (RuntimeException e) {
            log.error("Answering {} for {} failed", OverviewBlocks.COMMAND, userId, e);
            answer = blocks.notice("Countersign could not look that up just now. Please try again in a moment.");
            outcome = "failed: " + e.getClass().getSimpleName();
        }
        exchanges.record(Direction.IN, "command " + OverviewBlocks.COMMAND, null, userId, outcome, null);
        return ctx.ack(SlashCommandResponse.builder()
                .responseType("ephemeral")
                .text(answer.text())
                .blocks(answer.blocks())
                .build());
    }

    /** A request is shown to the people it concerns: its requester, its approvers, its executors. */
    private SlackMessage one(RequestId id, Email viewer) {
        Optional<ApprovalRequest> found = requests.find(id);
        if (found.isEmpty()) {
            return blocks.notice("There is no request " + id.value() + ".");
        }
        ApprovalRequest request = found.get();
        if (!request.concernedPeople().contains(viewer)) {
            return blocks.notice("You may not see request " + id.value()
                    + ": you are not its requester, one of its approvers or executors.");
        }
        return blocks.one(request, viewer);
    }
}
