package dev.countersign.slack;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppHomeOpenedEvent;
import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.Mandates;
import dev.countersign.approval.Email;
import dev.countersign.approval.RequestId;
import dev.countersign.delivery.DeliveryOutbox;
import dev.countersign.slack.SlackExchanges.Direction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Each person's approvals, inside Slack: the {@code /approvals} slash command (answered at once, only to whoever
 * typed it) and the App Home tab (published after the ack, through the outbox). Both show the same two lists; a
 * click on their buttons is an ordinary click, judged by {@link SlackInteractions}.
 */
class ApprovalsInSlack {

    private static final Logger log = LoggerFactory.getLogger(ApprovalsInSlack.class);
    private static final Pattern REQUEST_ID = Pattern.compile("[0-9a-f]{32}");

    private final ApprovalRequests requests;
    private final SlackPeople people;
    private final OverviewBlocks blocks;
    private final DeliveryOutbox outbox;
    private final SlackExchanges exchanges;
    private final Runnable wakeDispatcher;
    private final Mandates mandates;
    private final Clock clock;

    ApprovalsInSlack(ApprovalRequests requests, SlackPeople people, OverviewBlocks blocks, DeliveryOutbox outbox,
                     SlackExchanges exchanges, Runnable wakeDispatcher, Mandates mandates, Clock clock) {
        this.mandates = mandates;
        this.requests = requests;
        this.people = people;
        this.blocks = blocks;
        this.outbox = outbox;
        this.exchanges = exchanges;
        this.wakeDispatcher = wakeDispatcher;
        this.clock = clock;
    }

    void register(App app) {
        app.command(OverviewBlocks.COMMAND, (req, ctx) -> command(req.getPayload(), ctx));
        app.event(AppHomeOpenedEvent.class, (req, ctx) -> {
            AppHomeOpenedEvent event = req.getEvent();
            if ("home".equals(event.getTab())) {
                homeOpened(req.getTeamId(), event.getUser());
            }
            return ctx.ack();
        });
    }

    /** The answer to {@code /approvals …}, as the command's own (ephemeral) response. */
    private Response command(SlashCommandPayload payload, SlashCommandContext ctx) {
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
                SlackPeople.Identity identity = people.identify(payload.getTeamId(), userId);
                Optional<Email> person = identity instanceof SlackPeople.Person known
                        ? Optional.of(known.email()) : Optional.empty();
                if (identity instanceof SlackPeople.Refused refused) {
                    answer = blocks.notice(refused.whyNoLists());
                    outcome = refused.outcome();
                } else if (text.isEmpty()) {
                    answer = blocks.overview(ApprovalOverview.of(person.get(),
                            mandates.principalsFor(person.get(), clock.instant()), requests));
                    outcome = "listed";
                } else {
                    answer = one(new RequestId(id), person.get());
                    outcome = "shown one";
                }
            }
        } catch (SlackCallFailed e) {
            answer = blocks.notice(e.retryable()
                    ? "Countersign could not reach Slack to find out who you are (" + e.error()
                    + "). Please try again in a moment."
                    : "Countersign cannot tell who you are: Slack answered " + e.error() + " for your account.");
            outcome = "failed: " + e.error();
        } catch (RuntimeException e) {
            log.error("Answering {} for {} failed", OverviewBlocks.COMMAND, userId, e);
            answer = blocks.notice("Countersign could not look that up just now. Please try again in a moment.");
            outcome = "failed: " + e.getClass().getSimpleName();
        }
        exchanges.record(Direction.IN, "command " + OverviewBlocks.COMMAND, null, userId, outcome, null);
        return ctx.ack(SlashCommandResponse.builder().responseType("ephemeral").text(answer.text())
                .blocks(answer.blocks()).build());
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

    /** The tab was opened: publish it (after the ack, by the dispatcher). Slack retries unacknowledged events. */
    private void homeOpened(String teamId, String userId) {
        if (!people.installedTeamId().equals(teamId)) {
            exchanges.record(Direction.IN, "event app_home_opened", null, userId,
                    "ignored: another team (" + teamId + ")", null);
            return;
        }
        outbox.add(List.of(HomeTabs.publishTask(userId)), clock.instant());
        exchanges.record(Direction.IN, "event app_home_opened", null, userId, "queued a publish", null);
        wakeDispatcher.run();
    }
}
