package dev.countersign.slack.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.ButtonElement;
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
import dev.countersign.delivery.Delivery;
import dev.countersign.delivery.Delivery.AskApprover;
import dev.countersign.delivery.Delivery.AskDelegate;
import dev.countersign.settings.ChangedSettings;
import dev.countersign.slack.CurrentSlackSettings;
import dev.countersign.slack.SlackSettings;
import dev.countersign.slack.render.RequestMessages;
import dev.countersign.slack.render.SlackMessage;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a delegate is sent, as tasks and as Block Kit: asked with the approver, told on whose behalf. */
class DelegateMessagesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant UNTIL = NOW.plus(Duration.ofDays(3));
    private static final Email ALICE = new Email("alice@example.com");
    private static final Email BOB = new Email("bob@example.com");
    private static final Email CAROL = new Email("carol@example.com");
    private static final Email DAVE = new Email("dave@example.com");

    /** bob delegated to dave, to carol (who is asked herself) and to alice (the requester). */
    private static final Mandates BOBS_DELEGATES = new Mandates() {
        public boolean mayActFor(Email proxy, Email principal, Instant at) {
            return proxiesFor(principal, at).contains(proxy);
        }

        public Set<Email> proxiesFor(Email principal, Instant at) {
            return principal.equals(BOB) ? Set.of(DAVE, CAROL, ALICE) : Set.of();
        }
    };

    private final RequestMessages render = new RequestMessages(
            () -> URI.create("https://approvals.example.com"),
            Email::value,
            new CurrentSlackSettings(
                    new SlackSettings("xoxb-1", "secret", URI.create("https://slack.com/api/"), null, true, Set.of()),
                    ChangedSettings.NONE));

    private static ApprovalRequest.Submission submit() {
        return Transitions.submit(
                RequestId.random(),
                new RequestSpec(
                        "deploy",
                        "Deploy api",
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
                NOW);
    }

    private static List<String> actionIds(List<LayoutBlock> blocks) {
        return blocks.stream()
                .filter(ActionsBlock.class::isInstance)
                .map(ActionsBlock.class::cast)
                .flatMap(a -> a.getElements().stream())
                .map(e -> ((ButtonElement) e).getActionId())
                .toList();
    }

    private static String text(SlackMessage message) {
        return message.text() + "\n" + message.blocks().toString();
    }

    @Test
    void eachApproverAskedIsFollowedByTheirDelegatesButNotThoseAskedAnywayNorTheRequester() {
        // given
        var submission = submit();

        // when
        List<Delivery> tasks = SlackFollowUps.withDelegates(
                submission.request(),
                NotificationPlan.tasksFor(submission.request(), submission.events()),
                BOBS_DELEGATES,
                NOW);

        // then
        RequestId id = submission.request().id();
        assertThat(tasks)
                .containsExactly(
                        new AskApprover(id, BOB, 1), new AskDelegate(id, DAVE, 1, BOB), new AskApprover(id, CAROL, 1));
    }

    @Test
    void theDelegatesDmSaysOnWhoseBehalfAndUntilWhenAndOffersTheButtons() {
        // given
        ApprovalRequest request = submit().request();

        // when
        SlackMessage message = render.delegateDm(request, DAVE, BOB, 1, UNTIL);

        // then
        assertThat(actionIds(message.blocks())).containsExactly("approve", "reject", "details");
        assertThat(text(message))
                .contains(
                        "You are asked on behalf of bob@example.com",
                        "delegation until",
                        "(you are asked on behalf of bob@example.com)");
    }

    @Test
    void onceTheDelegationIsOverTheButtonsGoAndTheMessageSaysSo() {
        // given
        ApprovalRequest request = submit().request();

        // when
        SlackMessage message = render.delegateDm(request, DAVE, BOB, 1, null);

        // then
        assertThat(actionIds(message.blocks())).containsExactly("details");
        assertThat(text(message)).contains("Your delegation from bob@example.com has ended");
    }

    @Test
    void afterTheProxyVoteBothMessagesNameTheProxyAndOfferNoButtons() {
        // given: dave approved for bob
        ApprovalRequest request = submit().request();
        Transitions.decide(
                request, new Vote(DAVE, BOB, Verdict.APPROVE, null, Via.SLACK, NOW.plusSeconds(60)), BOBS_DELEGATES);

        // when
        SlackMessage toDave = render.delegateDm(request, DAVE, BOB, 1, UNTIL);
        SlackMessage toBob = render.approverDm(request, BOB, 1);

        // then
        assertThat(actionIds(toDave.blocks())).containsExactly("details");
        assertThat(text(toDave)).contains("dave@example.com on behalf of bob@example.com approved");
        assertThat(actionIds(toBob.blocks())).containsExactly("details");
        assertThat(text(toBob)).contains("dave@example.com approved on your behalf");
    }
}
