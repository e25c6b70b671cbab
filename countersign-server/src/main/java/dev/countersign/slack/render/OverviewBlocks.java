package dev.countersign.slack.render;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.view.Views.view;
import static dev.countersign.slack.render.SlackText.mrkdwn;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.Email;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * {@code /approvals} answers and the App Home tab, drawn with the SDK's Block Kit builders. The decision buttons are
 * the approval DMs' own ({@link RequestMessages#decisionButtons}): same action ids, same values, so a click here is
 * judged exactly like a click in a DM.
 */
public class OverviewBlocks {

    public static final String COMMAND = "/approvals";

    private static final int MAX_SECTION_TEXT = 3000;

    private final RequestMessages messages;
    private final Function<Email, String> mention;

    public OverviewBlocks(RequestMessages messages, Function<Email, String> mention) {
        this.messages = messages;
        this.mention = mention;
    }

    /** Both lists, for an ephemeral answer. */
    public SlackMessage overview(ApprovalOverview overview) {
        return new SlackMessage(summary(overview), lists(overview));
    }

    /** Both lists on the App Home tab. */
    public View home(ApprovalOverview overview, Instant now) {
        List<LayoutBlock> blocks = new ArrayList<>(lists(overview));
        blocks.add(divider());
        blocks.add(context(c -> c.elements(List.of(mrkdwn("Updated " + RequestMessages.date(now) + ". Type `" + COMMAND
                + " help` in any channel for the slash command.")))));
        return view(v -> v.type("home").blocks(blocks));
    }

    /** The tab of someone whose email Slack does not show: without it nobody can tell which requests are theirs. */
    /** A Home tab that only says why it shows no lists (e.g. who the viewer is could not be established). */
    public View homeNotice(String text) {
        return view(v -> v.type("home").blocks(List.of(section(s -> s.text(mrkdwn(SlackText.escape(text)))))));
    }

    /** One request, for {@code /approvals <id>}: the approver's own DM when they are asked on it, else its state. */
    public SlackMessage one(ApprovalRequest request, Email viewer) {
        Integer level = levelAsking(request, viewer);
        if (level != null) {
            return messages.approverDm(request, viewer, level);
        }
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(mrkdwn(title(request) + "\nRequested by "
                + mention.apply(request.spec().requester()) + " " + RequestMessages.date(request.createdAt())))));
        blocks.add(section(s -> s.text(mrkdwn(SlackText.cut(messages.outcome(request), MAX_SECTION_TEXT)))
                .accessory(messages.detailsButton(request))));
        return new SlackMessage(
                RequestMessages.title(request) + ": " + request.status().name().toLowerCase(), blocks);
    }

    public SlackMessage help(String notUnderstood) {
        String intro = notUnderstood == null
                ? "*" + COMMAND + "* shows your approvals, only to you."
                : "Countersign did not understand `" + SlackText.line(notUnderstood, 100) + "`. " + "Here is what *"
                        + COMMAND + "* can do:";
        String usage = "• `" + COMMAND + "` — the requests waiting for your decision (with Approve / Reject), "
                + "and your own open requests\n"
                + "• `" + COMMAND + " <request id>` — one request, e.g. from a link "
                + "(`/requests/<id>`)\n"
                + "• `" + COMMAND + " help` — this help\n"
                + "The same lists are on Countersign's *Home* tab.";
        return new SlackMessage(
                COMMAND + ": your pending approvals and open requests",
                List.of(section(s -> s.text(mrkdwn(intro))), section(s -> s.text(mrkdwn(usage)))));
    }

    /** A notice of plain words: whatever it quotes (a Slack error, an id) is escaped, in the blocks and the text. */
    public SlackMessage notice(String text) {
        String escaped = SlackText.escape(text);
        return new SlackMessage(escaped, List.of(section(s -> s.text(mrkdwn(escaped)))));
    }

    private List<LayoutBlock> lists(ApprovalOverview overview) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(
                "Waiting for your decision (" + count(overview.awaitingYou(), overview.moreAwaiting()) + ")"))));
        if (overview.awaitingYou().isEmpty()) {
            blocks.add(context(c -> c.elements(List.of(mrkdwn("Nothing waits for your decision.")))));
        }
        for (ApprovalRequest request : overview.awaitingYou()) {
            blocks.add(section(s -> s.text(mrkdwn(title(request) + "\nRequested by "
                    + mention.apply(request.spec().requester()) + " " + RequestMessages.date(request.createdAt())))));
            Email principal = overview.onBehalfOf().get(request.id().value());
            blocks.add(context(c -> c.elements(List.of(mrkdwn((principal == null
                            ? ""
                            : "On behalf of " + mention.apply(principal) + "  ·  ")
                    + messages.outcome(request)
                    + (request.expiresAt() == null ? "" : "  ·  Expires " + RequestMessages.date(request.expiresAt()))
                    + "  ·  `" + request.id().value() + "`")))));
            blocks.add(actions(a -> a.blockId("decide-" + request.id().value())
                    .elements(messages.decisionButtons(request, request.levelNumber()))));
        }
        if (overview.moreAwaiting()) {
            blocks.add(context(c -> c.elements(
                    List.of(mrkdwn("Showing the newest " + ApprovalOverview.SHOWN + "; more wait for you.")))));
        }
        blocks.add(divider());
        blocks.add(header(h ->
                h.text(plainText("Your open requests (" + count(overview.yourOpen(), overview.moreOpen()) + ")"))));
        if (overview.yourOpen().isEmpty()) {
            blocks.add(context(c -> c.elements(List.of(mrkdwn("You have no open requests.")))));
        }
        for (ApprovalRequest request : overview.yourOpen()) {
            blocks.add(section(s -> s.text(
                            mrkdwn(SlackText.cut(title(request) + "\n" + messages.outcome(request), MAX_SECTION_TEXT)))
                    .accessory(messages.detailsButton(request))));
        }
        if (overview.moreOpen()) {
            blocks.add(context(c -> c.elements(List.of(
                    mrkdwn("Showing the newest " + ApprovalOverview.SHOWN + "; you have more open requests.")))));
        }
        return blocks;
    }

    private static String summary(ApprovalOverview overview) {
        return count(overview.awaitingYou(), overview.moreAwaiting()) + " waiting for your decision, "
                + count(overview.yourOpen(), overview.moreOpen()) + " of your requests open";
    }

    private static String count(List<?> shown, boolean more) {
        return shown.size() + (more ? "+" : "");
    }

    private static String title(ApprovalRequest request) {
        return "*" + RequestMessages.title(request) + "*  ·  "
                + SlackText.line(request.spec().type(), 200);
    }

    /** The level on which the request waits for the viewer's decision, if it does. */
    private static Integer levelAsking(ApprovalRequest request, Email viewer) {
        if (request.awaits(viewer, request.levelNumber())) {
            return request.levelNumber();
        }
        // Listed on a level: their DM shows what became of it (their vote, or that the level moved on).
        OptionalInt listing = request.levelListing(viewer);
        return listing.isPresent() ? listing.getAsInt() : null;
    }
}
