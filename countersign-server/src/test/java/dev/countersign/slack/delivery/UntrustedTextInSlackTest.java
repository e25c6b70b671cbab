package dev.countersign.slack.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import dev.countersign.approval.Actor;
import dev.countersign.approval.ApprovalLevel;
import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.Email;
import dev.countersign.approval.Mandates;
import dev.countersign.approval.Mode;
import dev.countersign.approval.RequestId;
import dev.countersign.approval.RequestSpec;
import dev.countersign.approval.Required;
import dev.countersign.approval.Transitions;
import dev.countersign.approval.Verdict;
import dev.countersign.approval.Via;
import dev.countersign.approval.Vote;
import dev.countersign.delivery.Delivery.ChannelProgress;
import dev.countersign.settings.ChangedSettings;
import dev.countersign.slack.CurrentSlackSettings;
import dev.countersign.slack.SlackSettings;
import dev.countersign.slack.render.ApprovalOverview;
import dev.countersign.slack.render.OverviewBlocks;
import dev.countersign.slack.render.RequestMessages;
import dev.countersign.slack.render.SlackMessage;
import dev.countersign.slack.render.SlackText;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What callers send (titles, types, fields, descriptions, reasons, names) reaches Slack as text, never as markup of
 * ours: no mention pings anyone, no link hides its target, no line passes for a status line Countersign drew. And a
 * decision an administrator made in an approver's name always says so.
 */
class UntrustedTextInSlackTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Email ALICE = new Email("alice@example.com");
    private static final Email BOB = new Email("bob@example.com");
    private static final Email CAROL = new Email("carol@example.com");
    private static final String HOSTILE = "<!channel> <https://x.example|click>";
    private static final String FAKE_LINE = ":white_check_mark: *Approved by Dave*";

    private final RequestMessages render = new RequestMessages(
            () -> URI.create("https://approvals.example.com"),
            Email::value,
            new CurrentSlackSettings(
                    new SlackSettings("xoxb-1", "secret", URI.create("https://slack.com/api/"), null, true, Set.of()),
                    ChangedSettings.NONE));
    private final OverviewBlocks overview = new OverviewBlocks(render, Email::value);

    @Test
    void aTitleWithMentionsAndLinksIsShownEscapedInTheTextAndInEveryBlock() {
        // given
        ApprovalRequest request = request(HOSTILE, "deploy", Map.of("env " + HOSTILE, HOSTILE), HOSTILE);

        // when
        List<SlackMessage> messages = List.of(
                render.approverDm(request, BOB, 1),
                render.channelPost(request),
                render.escalationPost(request, 1),
                render.escalationDm(request, CAROL, 1),
                render.reminder(request, null, 1, 3, false),
                render.expiredDm(request),
                render.approvedDm(request),
                render.executableDm(request),
                render.unreachableDm(request, HOSTILE),
                render.delegateDm(request, CAROL, BOB, 1, NOW.plusSeconds(3600)),
                overview.one(request, CAROL));
        // The lists' notification text is a count, without titles.
        SlackMessage lists = overview.overview(
                new ApprovalOverview(BOB, List.of(request), false, List.of(request), false, Map.of()));

        // then
        messages.forEach(
                message -> assertThat(message.text()).contains("&lt;!channel&gt; &lt;https://x.example|click&gt;"));
        for (SlackMessage message : concat(messages, lists)) {
            assertNothingLive(message.text());
            List<Text> texts = texts(message.blocks());
            assertThat(texts)
                    .filteredOn(t -> t.type().equals("mrkdwn"))
                    .anySatisfy(t -> assertThat(t.text()).contains("&lt;!channel&gt; &lt;https://x.example|click&gt;"))
                    .allSatisfy(t -> {
                        assertNothingLive(t.text());
                        // Slack adds no links or mentions of its own to text drawn with verbatim.
                        assertThat(t.verbatim()).as("verbatim: " + t.text()).isTrue();
                    });
        }
        // A header is plain text: Slack shows it exactly as typed, so it is not escaped.
        HeaderBlock header =
                (HeaderBlock) render.approverDm(request, BOB, 1).blocks().getFirst();
        assertThat(header.getText().getType()).isEqualTo("plain_text");
        assertThat(header.getText().getText()).isEqualTo(HOSTILE);
    }

    @Test
    void aTitleWithLineBreaksStaysOnItsOwnLineEverywhere() {
        // given: a title and a field name that try to add a status line of their own
        for (String breakChar : List.of("\n", "\r\n", "\r", "\u2028", "\u2029", "\u0085", "\u000B")) {
            String title = "Deploy" + breakChar + FAKE_LINE;
            ApprovalRequest request = request(title, "deploy", Map.of("env" + breakChar + FAKE_LINE, "prod"), null);

            // when
            List<SlackMessage> messages = List.of(
                    render.approverDm(request, BOB, 1),
                    render.channelPost(request),
                    render.reminder(request, null, 1, 3, true),
                    render.escalationPost(request, 1));
            SlackMessage lists =
                    overview.overview(new ApprovalOverview(BOB, List.of(request), false, List.of(), false, Map.of()));

            // then: no line of any text starts like a line of ours
            messages.forEach(message -> assertThat(message.text()).contains("Deploy " + FAKE_LINE));
            assertThat(texts(lists.blocks()))
                    .anySatisfy(t -> assertThat(t.text()).contains("Deploy " + FAKE_LINE));
            for (SlackMessage message : concat(messages, lists)) {
                assertThat(lines(message.text())).noneMatch(l -> l.startsWith(":white_check_mark:"));
                for (Text text : texts(message.blocks())) {
                    assertThat(lines(text.text()))
                            .as(text.text())
                            .noneMatch(l -> l.strip().startsWith(":white_check_mark:"));
                }
            }
            HeaderBlock header =
                    (HeaderBlock) render.approverDm(request, BOB, 1).blocks().getFirst();
            assertThat(header.getText().getText()).isEqualTo("Deploy " + FAKE_LINE);
        }
    }

    @Test
    void aMultiLineDescriptionAndFieldValueAreQuotedSoNoLineOfThemPassesForOurs() {
        // given
        ApprovalRequest request = request(
                "Deploy", "deploy", Map.of("plan", "step 1\n" + FAKE_LINE), "Routine.\n" + FAKE_LINE + "\n<!here>");

        // when
        List<Text> texts = texts(render.approverDm(request, BOB, 1).blocks());

        // then
        List<String> all = texts.stream().flatMap(t -> lines(t.text()).stream()).toList();
        assertThat(all)
                .contains("> Routine.", "> " + FAKE_LINE, "> &lt;!here&gt;", "> step 1")
                .noneMatch(l -> l.startsWith(":white_check_mark:"));
    }

    @Test
    void aRejectionReasonWithMentionsIsEscapedAndQuotedWhereverItIsShown() {
        // given: bob rejects with a reason that tries to ping and to add a fake line
        ApprovalRequest request = request("Deploy", "deploy", Map.of(), null, true);
        String reason = "no <!here>\n" + FAKE_LINE;
        var events =
                Transitions.decide(request, new Vote(BOB, null, Verdict.REJECT, reason, Via.SLACK, NOW), Mandates.NONE);

        // when
        SlackMessage toAlice = render.rejectedDm(request);
        SlackMessage toBob = render.approverDm(request, BOB, 1);
        SlackMessage channel = render.channelPost(request);
        List<String> thread = NotificationPlan.tasksFor(request, events).stream()
                .filter(t -> t instanceof ChannelProgress)
                .map(t -> ((ChannelProgress) t).line())
                .toList();

        // then
        assertThat(toAlice.text()).contains("no &lt;!here&gt; " + FAKE_LINE);
        assertNothingLive(toAlice.text());
        assertThat(lines(toAlice.text())).hasSize(1);
        List<String> shown = new ArrayList<>(thread);
        for (SlackMessage message : List.of(toAlice, toBob, channel)) {
            texts(message.blocks()).forEach(t -> shown.add(t.text()));
        }
        assertThat(String.join("\n", shown)).contains("> no &lt;!here&gt;", "> " + FAKE_LINE);
        assertThat(shown).allSatisfy(text -> {
            assertNothingLive(text);
            assertThat(lines(text)).noneMatch(l -> l.startsWith(":white_check_mark:"));
        });
    }

    @Test
    void aCancellationReasonIsEscapedAndQuoted() {
        // given
        ApprovalRequest request = request("Deploy", "deploy", Map.of(), null);
        Transitions.cancel(request, Actor.administrator("ops <!channel>"), "done\n<!everyone>", Via.API, NOW);

        // when
        String outcome = render.outcome(request);

        // then
        assertThat(outcome)
                .startsWith(":no_entry_sign: *Cancelled* by ops &lt;!channel&gt; ")
                .endsWith(":\n> done\n> &lt;!everyone&gt;");
        assertNothingLive(outcome);
    }

    @Test
    void anAdministratorsOverrideIsShownAsSuchNeverAsTheApproversOwnDecision() {
        // given: an administrator approves level 1 in bob's name, then rejects level 2 in carol's
        ApprovalRequest request = Transitions.submit(
                        RequestId.random(),
                        new RequestSpec(
                                "deploy",
                                "Deploy",
                                null,
                                Map.of(),
                                ALICE,
                                List.of(
                                        new ApprovalLevel(List.of(BOB), new Required.All()),
                                        new ApprovalLevel(List.of(CAROL), new Required.All())),
                                Mode.STANDARD,
                                List.of(),
                                "#deploys",
                                null,
                                null),
                        Via.API,
                        NOW)
                .request();
        var approved = Transitions.decide(
                request, new Vote(BOB, null, Verdict.APPROVE, null, Via.OVERRIDE, NOW), Mandates.NONE);

        // when: what bob and the channel see while level 2 waits
        String toBob = String.join(
                "\n",
                texts(render.approverDm(request, BOB, 1).blocks()).stream()
                        .map(Text::text)
                        .toList());
        List<String> thread = NotificationPlan.tasksFor(request, approved).stream()
                .filter(t -> t instanceof ChannelProgress)
                .map(t -> ((ChannelProgress) t).line())
                .toList();

        // then
        assertThat(toBob).contains("Level 1 approved by bob@example.com (admin override)");
        assertThat(thread.getFirst()).contains("bob@example.com (admin override) approved level 1");

        // when: carol's level is rejected the same way
        var rejected = Transitions.decide(
                request, new Vote(CAROL, null, Verdict.REJECT, "too risky", Via.OVERRIDE, NOW), Mandates.NONE);
        SlackMessage toAlice = render.rejectedDm(request);
        String outcome = render.outcome(request);
        List<String> rejectedThread = NotificationPlan.tasksFor(request, rejected).stream()
                .filter(t -> t instanceof ChannelProgress)
                .map(t -> ((ChannelProgress) t).line())
                .toList();

        // then
        assertThat(toAlice.text()).contains("declined by carol@example.com (admin override)");
        assertThat(texts(toAlice.blocks()))
                .anySatisfy(t -> assertThat(t.text()).contains("declined* by carol@example.com (admin override)"));
        assertThat(outcome).contains("*Rejected* by carol@example.com (admin override)");
        assertThat(rejectedThread.getFirst()).contains("Rejected by carol@example.com (admin override)");
    }

    @Test
    void anApproverWhoseVoteAnAdministratorCastIsNotToldTheyApproved() {
        // given: two must approve; an administrator approves in bob's name
        ApprovalRequest request = Transitions.submit(
                        RequestId.random(),
                        new RequestSpec(
                                "deploy",
                                "Deploy",
                                null,
                                Map.of(),
                                ALICE,
                                List.of(new ApprovalLevel(List.of(BOB, CAROL), new Required.All())),
                                Mode.STANDARD,
                                List.of(),
                                null,
                                null,
                                null),
                        Via.API,
                        NOW)
                .request();
        Transitions.decide(request, new Vote(BOB, null, Verdict.APPROVE, null, Via.OVERRIDE, NOW), Mandates.NONE);

        // when
        String toBob = String.join(
                "\n",
                texts(render.approverDm(request, BOB, 1).blocks()).stream()
                        .map(Text::text)
                        .toList());

        // then
        assertThat(toBob)
                .contains("An administrator approved in your name (admin override)")
                .doesNotContain("You approved");
    }

    @Test
    void anApprovedOutcomeNamesAnOverrideInEveryList() {
        // given
        ApprovalRequest request = request("Deploy", "deploy", Map.of(), null);
        Transitions.decide(request, new Vote(BOB, null, Verdict.APPROVE, null, Via.OVERRIDE, NOW), Mandates.NONE);

        // when
        SlackMessage one = overview.one(request, ALICE);
        SlackMessage approved = render.approvedDm(request);

        // then
        for (SlackMessage message : List.of(one, approved)) {
            assertThat(texts(message.blocks()))
                    .anySatisfy(t -> assertThat(t.text())
                            .contains("*Approved*")
                            .contains("by bob@example.com (admin override)"));
        }
    }

    @Test
    void longValuesAreCutWithinSlacksLimitsWithoutSplittingAnEscape() {
        // given: values that are nothing but characters Slack needs escaped
        String title = "&".repeat(200);
        ApprovalRequest request =
                request(title, "deploy", Map.of(">".repeat(64), "&".repeat(1990)), "<".repeat(10_000));

        // when
        List<LayoutBlock> blocks = render.approverDm(request, BOB, 1).blocks();

        // then
        HeaderBlock header = (HeaderBlock) blocks.getFirst();
        assertThat(header.getText().getText()).hasSizeLessThanOrEqualTo(150).endsWith("…");
        for (Text text : texts(blocks)) {
            assertThat(text.text().length()).isLessThanOrEqualTo(3000);
            if (text.type().equals("mrkdwn")) {
                String withoutEscapes =
                        text.text().replace("&amp;", "").replace("&lt;", "").replace("&gt;", "");
                assertThat(withoutEscapes).as(text.text()).doesNotContain("&");
            }
        }
        assertThat(texts(blocks))
                .filteredOn(t -> t.path().contains("fields"))
                .allSatisfy(t -> assertThat(t.text().length()).isLessThanOrEqualTo(2000));
    }

    @Test
    void cuttingNeverSplitsAnEscapeOrAMarkupOfOurs() {
        String date = RequestMessages.date(NOW);

        assertThat(SlackText.cut("ab&amp;cd", 5)).isEqualTo("ab…");
        assertThat(SlackText.cut("ab&amp;cd", 8)).isEqualTo("ab&amp;…");
        assertThat(SlackText.cut("x " + date + " y", 10)).isEqualTo("x …");
        assertThat(SlackText.cut("x " + date + " and more", date.length() + 4)).isEqualTo("x " + date + " …");
        assertThat(SlackText.cut("ab\uD83D\uDE00cd", 4)).isEqualTo("ab…");
        assertThat(SlackText.line("a\u202Eb\u0000c\td")).isEqualTo("abc d");
        assertThat(SlackText.quote("one\r\ntwo\n")).isEqualTo("> one\n> two\n> ");
    }

    // ---- helpers

    private ApprovalRequest request(String title, String type, Map<String, String> fields, String description) {
        return request(title, type, fields, description, false);
    }

    private ApprovalRequest request(
            String title, String type, Map<String, String> fields, String description, boolean inChannel) {
        return Transitions.submit(
                        RequestId.random(),
                        new RequestSpec(
                                type,
                                cut(title),
                                description,
                                new LinkedHashMap<>(fields),
                                ALICE,
                                List.of(new ApprovalLevel(List.of(BOB, CAROL), new Required.AtLeast(1))),
                                Mode.STANDARD,
                                List.of(),
                                inChannel ? "#deploys" : null,
                                null,
                                null),
                        Via.API,
                        NOW)
                .request();
    }

    private static String cut(String title) {
        return title.length() > 200 ? title.substring(0, 200) : title;
    }

    /** Neither a special mention nor a link a caller wrote is live: only our own mentions and dates are. */
    private static void assertNothingLive(String mrkdwn) {
        assertThat(mrkdwn).doesNotContain("<!channel", "<!here", "<!everyone", "<https:", "<!subteam");
    }

    private static List<SlackMessage> concat(List<SlackMessage> messages, SlackMessage more) {
        List<SlackMessage> all = new ArrayList<>(messages);
        all.add(more);
        return all;
    }

    private static List<String> lines(String text) {
        return List.of(text.split("\n", -1));
    }

    /** One text object anywhere in the blocks, as the SDK serialises it for Slack. */
    record Text(String path, String type, String text, boolean verbatim) {}

    private static List<Text> texts(List<LayoutBlock> blocks) {
        List<Text> texts = new ArrayList<>();
        collect("", GsonFactory.createSnakeCase().toJsonTree(blocks), texts);
        return texts;
    }

    private static void collect(String path, JsonElement element, List<Text> texts) {
        if (element.isJsonArray()) {
            for (int i = 0; i < element.getAsJsonArray().size(); i++) {
                collect(path + "/" + i, element.getAsJsonArray().get(i), texts);
            }
        } else if (element.isJsonObject()) {
            JsonObject object = element.getAsJsonObject();
            if (object.has("type") && object.has("text") && object.get("text").isJsonPrimitive()) {
                String type = object.get("type").getAsString();
                boolean verbatim =
                        object.has("verbatim") && object.get("verbatim").getAsBoolean();
                texts.add(new Text(path, type, object.get("text").getAsString(), verbatim));
            }
            object.entrySet().forEach(entry -> collect(path + "/" + entry.getKey(), entry.getValue(), texts));
        }
    }
}
