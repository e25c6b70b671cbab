package dev.countersign.slack.render;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.confirmationDialog;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;
import static dev.countersign.slack.render.SlackText.line;
import static dev.countersign.slack.render.SlackText.mrkdwn;
import static dev.countersign.slack.render.SlackText.quote;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import com.slack.api.model.view.View;
import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.Cancellation;
import dev.countersign.approval.Decision;
import dev.countersign.approval.Email;
import dev.countersign.approval.LevelStatus;
import dev.countersign.approval.Mode;
import dev.countersign.approval.Status;
import dev.countersign.approval.Via;
import dev.countersign.slack.CurrentSlackSettings;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Every message and modal Countersign shows in Slack, drawn from the request as it is now, with the SDK's Block
 * Kit builders. Drawing from the current state (not from the event that caused the message) is what lets any
 * message be redrawn in place, by whichever path the request moved on.
 */
public class RequestMessages {

    public static final String APPROVE = "approve";
    public static final String REJECT = "reject";
    public static final String DETAILS = "details";
    public static final String REJECT_MODAL = "reject-reason";
    public static final String APPROVE_MODAL = "approve-reason";
    public static final String REASON_BLOCK = "reason";
    public static final String REASON_INPUT = "reason-input";
    /** Between the button value and the approver a delegate acts for, in a reason modal's private metadata. */
    public static final String ON_BEHALF_SEPARATOR = "|";

    private static final int MAX_FIELDS_PER_SECTION = 10;
    private static final int MAX_SECTION_TEXT = 3000;
    private static final int MAX_CONTEXT_TEXT = 2000;
    private static final int MAX_FIELD_TEXT = 2000;
    private static final int MAX_HEADER_TEXT = 150;
    private static final int MAX_TITLE_TEXT = 200;
    /** How a decision an administrator made in an approver's name ({@link Via#OVERRIDE}) is labelled. */
    public static final String ADMIN_OVERRIDE = "(admin override)";

    private final Supplier<URI> baseUrl;
    private final Function<Email, String> mention;
    private final CurrentSlackSettings settings;

    public RequestMessages(Supplier<URI> baseUrl, Function<Email, String> mention, CurrentSlackSettings settings) {
        this.baseUrl = baseUrl;
        this.mention = mention;
        this.settings = settings;
    }

    /** The approval request in one approver's DM: buttons while it waits for them, the outcome once it does not. */
    public SlackMessage approverDm(ApprovalRequest request, Email approver, int level) {
        List<LayoutBlock> blocks = new ArrayList<>(requestBody(request));
        blocks.add(context(c ->
                c.elements(List.of(mrkdwn(cut(levelLine(request, level, approver), MAX_CONTEXT_TEXT))))));
        blocks.add(divider());
        if (request.awaits(approver, level)) {
            blocks.add(actions(a -> a.blockId("decision").elements(decisionButtons(request, level))));
        } else {
            blocks.add(section(s -> s.text(mrkdwn(cut(outcomeFor(request, approver, level), MAX_SECTION_TEXT)))));
            blocks.add(actions(a -> a.blockId("links").elements(List.of(detailsButton(request)))));
        }
        String text = (request.spec().mode() == Mode.URGENT ? "Urgent: " : "") + "approval requested by "
                + line(request.spec().requester().value()) + ": " + title(request);
        return new SlackMessage(text, blocks);
    }

    /**
     * The approval request in a delegate's DM, asking them on behalf of {@code principal}: buttons while it waits
     * for the principal and the delegation lasts ({@code until} is {@code null} once it is over), then what became
     * of the principal's vote.
     */
    public SlackMessage delegateDm(ApprovalRequest request, Email delegate, Email principal, int level, Instant until) {
        List<LayoutBlock> blocks = new ArrayList<>(requestBody(request));
        String behalf = ":busts_in_silhouette: You are asked on behalf of " + mention.apply(principal)
                + (until == null ? " (the delegation has ended)" : " (delegation until " + date(until) + ")");
        blocks.add(context(c -> c.elements(
                List.of(mrkdwn(cut(behalf + "  ·  " + levelLine(request, level, principal), MAX_CONTEXT_TEXT))))));
        boolean waitsForPrincipal = request.awaits(principal, level);
        blocks.add(divider());
        if (waitsForPrincipal && until != null) {
            blocks.add(actions(a -> a.blockId("decision").elements(decisionButtons(request, level))));
        } else {
            String outcome = waitsForPrincipal
                    ? ":no_entry_sign: Your delegation from " + mention.apply(principal) + " has ended: you can no "
                            + "longer decide in their place."
                    : delegateOutcome(request, principal, level);
            blocks.add(section(s -> s.text(mrkdwn(cut(outcome, MAX_SECTION_TEXT)))));
            blocks.add(actions(a -> a.blockId("links").elements(List.of(detailsButton(request)))));
        }
        String text = (request.spec().mode() == Mode.URGENT ? "Urgent: " : "") + "approval requested by "
                + line(request.spec().requester().value()) + " (you are asked on behalf of "
                + line(principal.value()) + "): " + title(request);
        return new SlackMessage(text, blocks);
    }

    private String delegateOutcome(ApprovalRequest request, Email principal, int level) {
        if (request.status() != Status.PENDING) {
            return outcome(request);
        }
        if (request.levelStatus(level) == LevelStatus.APPROVED) {
            return ":white_check_mark: Level " + level + " approved" + by(request, level) + ". Now waiting for level "
                    + request.levelNumber() + ".";
        }
        var vote = request.decisionOf(principal);
        if (vote.isPresent()) {
            return ":white_check_mark: " + decider(vote.get()) + " approved "
                    + date(vote.get().at())
                    + ". Waiting for " + moreApprovals(request.approvalsStillNeeded(level)) + " on level " + level
                    + ".";
        }
        return ":hourglass: Waiting for level " + request.levelNumber() + ".";
    }

    /** The request in a channel: anyone can follow it, only approvers can decide (the core checks each click). */
    public SlackMessage channelPost(ApprovalRequest request) {
        List<LayoutBlock> blocks = new ArrayList<>(requestBody(request));
        blocks.add(divider());
        if (request.status() == Status.PENDING) {
            int level = request.levelNumber();
            blocks.add(context(c ->
                    c.elements(List.of(mrkdwn(cut(levelLine(request, level, null), MAX_CONTEXT_TEXT))))));
            blocks.add(actions(a -> a.blockId("decision").elements(decisionButtons(request, level))));
        } else {
            blocks.add(section(s -> s.text(mrkdwn(cut(outcome(request), MAX_SECTION_TEXT)))));
            blocks.add(actions(a -> a.blockId("links").elements(List.of(detailsButton(request)))));
        }
        return new SlackMessage(
                "Approval requested by " + line(request.spec().requester().value()) + ": " + title(request), blocks);
    }

    public SlackMessage rejectedDm(ApprovalRequest request) {
        Decision rejection = request.rejection().orElse(null);
        String who = rejection == null ? "an approver" : decider(rejection);
        String reason = rejection == null || rejection.reason() == null ? null : rejection.reason();
        String headline = ":x: *Your request was declined* by " + who + " at level " + request.levelNumber() + ".";
        return notice(
                "Your request was declined by " + who + ": "
                        + (reason == null ? "no reason given" : "\u201C" + line(reason, 500) + "\u201D"),
                request,
                headline,
                reason == null ? "*Reason:* none given" : "*Reason:*\n" + quote(reason));
    }

    public SlackMessage approvedDm(ApprovalRequest request) {
        String headline = ":white_check_mark: *Your request is fully approved.* Every level said yes.";
        return notice("Your request is fully approved: " + title(request), request, headline, outcome(request));
    }

    public SlackMessage executableDm(ApprovalRequest request) {
        String headline;
        if (!request.executable()) {
            headline = ":no_entry: *Do not run this work any more*: " + outcome(request);
        } else if (request.spec().mode() == Mode.URGENT && request.status() == Status.PENDING) {
            headline = ":rotating_light: *Urgent: you may run this work now.* Approvals follow afterwards.";
        } else {
            headline = ":arrow_forward: *You may run this work now:* it is fully approved.";
        }
        String state = request.execution() == null
                ? outcome(request)
                : ":checkered_flag: Executed by "
                        + mention.apply(request.execution().executor()) + " "
                        + date(request.execution().at());
        return notice("Execution available: " + title(request), request, headline, state);
    }

    public SlackMessage unreachableDm(ApprovalRequest request, String approver) {
        String headline = ":warning: *" + line(approver) + " has no Slack account* that Countersign can find, so "
                + "they were not asked in Slack to approve your request. Ask them to decide on the details page, "
                + "or fix their email.";
        return notice(line(approver) + " could not be reached in Slack", request, headline, outcome(request));
    }

    public SlackMessage expiredDm(ApprovalRequest request) {
        String headline = ":hourglass_flowing_sand: *Your request expired* — no decision by "
                + date(request.decidedAt() != null ? request.decidedAt() : request.expiresAt())
                + ". Nothing may run; ask again if it is still needed.";
        return notice(
                "Your request expired without a decision: " + title(request), request, headline, outcome(request));
    }

    /**
     * A reminder to someone the level still waits for.
     *
     * @param principal whom a delegate is reminded for; {@code null} when the reminded person is the approver
     * @param inThread  whether it goes in the thread of their approval DM (whose buttons are just above)
     */
    public SlackMessage reminder(ApprovalRequest request, Email principal, int number, int max, boolean inThread) {
        String whose = principal == null ? "your decision" : "a decision on behalf of " + mention.apply(principal);
        String headline = ":bell: *Reminder " + number + " of " + max + ":* this request still waits for " + whose
                + " at level " + request.levelNumber() + (inThread ? "; the buttons are in the message above." : ".");
        return notice(
                "Reminder: " + title(request) + " waits for " + (principal == null ? "you" : line(principal.value())),
                request,
                headline,
                outcome(request));
    }

    /** A stuck request in an escalation contact's DM: buttons when they may decide the level, Details otherwise. */
    public SlackMessage escalationDm(ApprovalRequest request, Email contact, int level) {
        String headline = ":rotating_light: *This request is stuck.* It has waited since " + date(request.createdAt())
                + " for level " + level + " of " + request.spec().levels().size()
                + " and the reminders to its approvers went unanswered.";
        return prompt(request, contact, level, headline, "Stuck: " + title(request));
    }

    /** A stuck request posted to an escalation channel: who may decide is listed, the channel gets Details. */
    public SlackMessage escalationPost(ApprovalRequest request, int level) {
        String headline = request.status() == Status.PENDING
                ? ":rotating_light: *This request is stuck* since " + date(request.createdAt()) + ": level " + level
                        + " still waits for "
                        + request.undecidedApprovers(level).stream()
                                .map(mention)
                                .collect(Collectors.joining(", ")) + "."
                : ":information_source: This request was stuck; it has moved on.";
        return notice("Stuck: " + title(request), request, headline, outcome(request));
    }

    /** The urgent mode's daily report in an approver's DM. */
    public SlackMessage urgentReportDm(ApprovalRequest request, Email approver, int level) {
        String headline = ":rotating_light: *Daily reminder: urgent request still not approved.* The work may have "
                + "run since " + date(request.createdAt()) + "; level " + level + " still waits for approval.";
        return prompt(request, approver, level, headline, "Urgent, still not approved: " + title(request));
    }

    /** The request with a headline while it is pending, with buttons when it waits for this person. */
    private SlackMessage prompt(ApprovalRequest request, Email person, int level, String headline, String text) {
        List<LayoutBlock> blocks = new ArrayList<>();
        if (request.status() == Status.PENDING) {
            blocks.add(section(s -> s.text(mrkdwn(cut(headline, MAX_SECTION_TEXT)))));
        }
        blocks.addAll(requestBody(request));
        blocks.add(context(c -> c.elements(List.of(mrkdwn(cut(levelLine(request, level, person), MAX_CONTEXT_TEXT))))));
        blocks.add(divider());
        if (request.awaits(person, level)) {
            blocks.add(actions(a -> a.blockId("decision").elements(decisionButtons(request, level))));
        } else {
            blocks.add(section(s -> s.text(mrkdwn(cut(outcome(request), MAX_SECTION_TEXT)))));
            blocks.add(actions(a -> a.blockId("links").elements(List.of(detailsButton(request)))));
        }
        return new SlackMessage(text, blocks);
    }

    /** One line for a channel post's thread. */
    public SlackMessage progress(String line) {
        String text = cut(line, MAX_SECTION_TEXT);
        return new SlackMessage(text, List.of(section(s -> s.text(mrkdwn(text)))));
    }

    public View reasonModal(ApprovalRequest request, int level, boolean approving) {
        return reasonModal(request, level, approving, null);
    }

    /**
     * @param onBehalfOf the approver a delegate decides for, carried in the modal's private metadata (the core checks
     *                   the mandate again on submission); {@code null} when they decide for themselves
     */
    public View reasonModal(ApprovalRequest request, int level, boolean approving, Email onBehalfOf) {
        String title = approving ? "Approve request" : "Reject request";
        String label = approving ? "Why do you approve?" : "Why do you reject it? The requester will see this.";
        return view(v -> v.type("modal")
                .callbackId(approving ? APPROVE_MODAL : REJECT_MODAL)
                .privateMetadata(new ButtonValue(request.id(), level).value()
                        + (onBehalfOf == null ? "" : ON_BEHALF_SEPARATOR + onBehalfOf.value()))
                .title(viewTitle(t -> t.type("plain_text").text(title)))
                .submit(viewSubmit(s -> s.type("plain_text").text(approving ? "Approve" : "Reject")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(List.of(
                        section(s -> s.text(mrkdwn("*" + title(request) + "*\n" + "requested by "
                                + mention.apply(request.spec().requester())))),
                        input(i -> i.blockId(REASON_BLOCK)
                                .label(plainText(label))
                                .element(plainTextInput(p -> p.actionId(REASON_INPUT)
                                        .multiline(true)
                                        .minLength(1)
                                        .maxLength(ApprovalRequest.MAX_REASON)))))));
    }

    private SlackMessage notice(String text, ApprovalRequest request, String headline, String detail) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(mrkdwn(cut(headline, MAX_SECTION_TEXT)))));
        blocks.add(section(s -> s.text(
                mrkdwn("*" + title(request) + "*  ·  " + line(request.spec().type(), 200)))));
        blocks.add(section(s -> s.text(mrkdwn(cut(detail, MAX_SECTION_TEXT)))));
        blocks.add(actions(a -> a.blockId("links").elements(List.of(detailsButton(request)))));
        return new SlackMessage(text, blocks);
    }

    private List<LayoutBlock> requestBody(ApprovalRequest request) {
        var spec = request.spec();
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(SlackText.plainLine(spec.title(), MAX_HEADER_TEXT)))));
        String intro = mention.apply(spec.requester()) + " asks for approval  ·  *" + line(spec.type(), 200) + "*";
        if (spec.mode() == Mode.URGENT) {
            intro = ":rotating_light: *Urgent:* the work may already be running; approvals follow.\n" + intro;
        }
        String introText = intro;
        blocks.add(section(s -> s.text(mrkdwn(introText))));
        List<TextObject> fields = new ArrayList<>();
        for (Map.Entry<String, String> field : spec.fields().entrySet()) {
            // A multi-line value is quoted, so that no line of it passes for one of ours.
            String value = SlackText.multiLine(field.getValue()) ? quote(field.getValue()) : line(field.getValue());
            fields.add(mrkdwn(cut("*" + line(field.getKey(), 200) + "*\n" + value, MAX_FIELD_TEXT)));
        }
        for (int i = 0; i < fields.size(); i += MAX_FIELDS_PER_SECTION) {
            List<TextObject> chunk = fields.subList(i, Math.min(fields.size(), i + MAX_FIELDS_PER_SECTION));
            blocks.add(section(s -> s.fields(List.copyOf(chunk))));
        }
        if (spec.description() != null && !spec.description().isBlank()) {
            blocks.add(section(s -> s.text(mrkdwn(cut(quote(spec.description()), MAX_SECTION_TEXT)))));
        }
        return blocks;
    }

    /** "Level 2 of 3 · 1 more approval needed · Also asked: … · Expires …". */
    private String levelLine(ApprovalRequest request, int level, Email viewer) {
        int levels = request.spec().levels().size();
        List<String> parts = new ArrayList<>();
        parts.add("Level " + level + " of " + levels);
        if (request.asks(level)) {
            parts.add(moreApprovals(request.approvalsStillNeeded(level)) + " needed");
        }
        String asked = request.eligibleApprovers(level).stream()
                .filter(person -> !person.equals(viewer))
                .sorted(java.util.Comparator.comparing(Email::value))
                .map(mention)
                .collect(Collectors.joining(", "));
        if (!asked.isEmpty()) {
            parts.add((viewer == null ? "Approvers: " : "Also asked: ") + asked);
        }
        if (request.expiresAt() != null && request.status() == Status.PENDING) {
            parts.add("Expires " + date(request.expiresAt()));
        }
        return String.join("  ·  ", parts);
    }

    /** Approve / Reject / Details for one level, as every message that asks shows them (only Details: buttons off). */
    List<BlockElement> decisionButtons(ApprovalRequest request, int level) {
        List<BlockElement> buttons = new ArrayList<>();
        if (settings.buttons()) {
            String value = new ButtonValue(request.id(), level).value();
            boolean reasonFirst = settings.approvalNeedsReason(request.spec().type());
            ButtonElement approve = ButtonElement.builder()
                    .actionId(APPROVE)
                    .text(plainText("Approve"))
                    .style("primary")
                    .value(value)
                    // A modal that asks for the reason is itself the second step; otherwise confirm the click.
                    .confirm(
                            reasonFirst
                                    ? null
                                    : confirmationDialog(d -> d.title(plainText("Approve this request?"))
                                            .text(plainText("You approve \""
                                                    + SlackText.plainLine(
                                                            request.spec().title(), 200)
                                                    + "\" at level "
                                                    + level + ". Your name is recorded."))
                                            .confirm(plainText("Approve"))
                                            .deny(plainText("Cancel"))))
                    .build();
            buttons.add(approve);
            if (request.spec().mode() != Mode.URGENT) {
                buttons.add(button(b -> b.actionId(REJECT)
                        .text(plainText("Reject"))
                        .style("danger")
                        .value(value)));
            }
        }
        buttons.add(detailsButton(request));
        return buttons;
    }

    BlockElement detailsButton(ApprovalRequest request) {
        return button(b -> b.actionId(DETAILS)
                .text(plainText("Details"))
                .url(baseUrl.get().resolve("/requests/" + request.id().value()).toString()));
    }

    /** What an approver's own message says once it no longer waits for them. */
    private String outcomeFor(ApprovalRequest request, Email approver, int level) {
        if (request.status() != Status.PENDING) {
            return outcome(request);
        }
        var own = request.decisionOf(approver);
        if (request.levelStatus(level) == LevelStatus.APPROVED) {
            return ":white_check_mark: Level " + level + " approved" + by(request, level) + ". Now waiting for level "
                    + request.levelNumber() + ".";
        }
        if (own.isPresent()) {
            String who = own.get().via() == Via.OVERRIDE
                    ? "An administrator approved in your name " + ADMIN_OVERRIDE + " "
                    : own.get().onBehalfOf() == null
                            ? "You approved "
                            : mention.apply(own.get().approver()) + " approved on your behalf ";
            return ":white_check_mark: " + who + date(own.get().at()) + ". Waiting for "
                    + moreApprovals(request.approvalsStillNeeded(level)) + " on level " + level + ".";
        }
        if (request.levelNumber() != level) {
            return ":hourglass: Waiting for level " + request.levelNumber() + ".";
        }
        return ":information_source: You are not asked to decide this level.";
    }

    /** The outcome of the request as a whole, for any message. */
    public String outcome(ApprovalRequest request) {
        return switch (request.status()) {
            case PENDING ->
                request.spec().mode() == Mode.URGENT
                        ? ":rotating_light: Urgent, running; waiting for approval at level " + request.levelNumber()
                        : ":hourglass: Waiting for approval at level " + request.levelNumber() + " of "
                                + request.spec().levels().size();
            case APPROVED ->
                ":white_check_mark: *Approved* " + date(request.decidedAt()) + allApprovers(request)
                        + executed(request);
            case REJECTED ->
                request.rejection()
                        .map(d -> ":x: *Rejected* by " + decider(d) + " " + date(d.at()) + reasonBelow(d.reason()))
                        .orElse(":x: *Rejected*");
            case CANCELLED -> cancelled(request);
            case EXPIRED -> ":hourglass_flowing_sand: *Expired* — no decision by " + date(request.decidedAt());
        };
    }

    private String allApprovers(ApprovalRequest request) {
        String names = request.approvals().stream().map(this::decider).collect(Collectors.joining(", "));
        return names.isEmpty() ? "" : " by " + names;
    }

    private String by(ApprovalRequest request, int level) {
        String names = request.approvalsOn(level).stream().map(this::decider).collect(Collectors.joining(", "));
        return names.isEmpty() ? "" : " by " + names;
    }

    private String executed(ApprovalRequest request) {
        return request.execution() == null
                ? ""
                : "\n:checkered_flag: Executed by "
                        + mention.apply(request.execution().executor()) + " "
                        + date(request.execution().at());
    }

    /** Who decided: an administrator's override is always said to be one, never shown as the approver's own. */
    private String decider(Decision decision) {
        String who = decision.onBehalfOf() == null
                ? mention.apply(decision.approver())
                : mention.apply(decision.approver()) + " on behalf of " + mention.apply(decision.onBehalfOf());
        return decision.via() == Via.OVERRIDE ? who + " " + ADMIN_OVERRIDE : who;
    }

    /** ":no_entry_sign: Cancelled by alice (date):" and the reason quoted below. */
    private String cancelled(ApprovalRequest request) {
        var cancellation = request.cancellation();
        String by = cancellation
                .map(Cancellation::by)
                .map(who -> " by " + line(who, 200))
                .orElse("");
        String reason = cancellation.map(Cancellation::reason).orElse(null);
        return ":no_entry_sign: *Cancelled*" + by + " " + date(request.decidedAt()) + reasonBelow(reason);
    }

    /** "1 more approval", "3 more approvals": the core says how many, this says it in words. */
    static String moreApprovals(int count) {
        return count + " more approval" + (count == 1 ? "" : "s");
    }

    /** A caller's reason after a line of ours: quoted on lines of its own, so it cannot pass for one of ours. */
    public static String reasonBelow(String reason) {
        return reason == null || reason.isBlank() ? "" : ":\n" + quote(reason);
    }

    /** The request's title on one line, escaped, for mrkdwn and the notification text. */
    static String title(ApprovalRequest request) {
        return line(request.spec().title(), MAX_TITLE_TEXT);
    }

    /** Slack shows this in each reader's own time zone; the fallback is UTC. */
    public static String date(Instant at) {
        if (at == null) {
            return "";
        }
        return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} at {time}|"
                + at.truncatedTo(java.time.temporal.ChronoUnit.MINUTES) + ">";
    }

    /** Slack's mrkdwn treats &, < and > as control characters: see {@link SlackText}. */
    static String escape(String text) {
        return SlackText.escape(text);
    }

    private static String cut(String mrkdwn, int max) {
        return SlackText.cut(mrkdwn, max);
    }
}
