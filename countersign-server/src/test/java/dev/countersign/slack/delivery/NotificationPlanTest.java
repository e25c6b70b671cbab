package dev.countersign.slack.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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
import dev.countersign.delivery.Delivery.ChannelProgress;
import dev.countersign.delivery.Delivery.PostToChannel;
import dev.countersign.delivery.Delivery.Refresh;
import dev.countersign.delivery.Delivery.TellApproved;
import dev.countersign.delivery.Delivery.TellExecutable;
import dev.countersign.delivery.Delivery.TellRejected;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationPlanTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Email ALICE = new Email("alice@example.com");
    private static final Email BOB = new Email("bob@example.com");
    private static final Email CAROL = new Email("carol@example.com");
    private static final Email ERIN = new Email("erin@example.com");
    private static final Email OSCAR = new Email("oscar@example.com");

    private static RequestSpec spec(Mode mode, String channel) {
        return new RequestSpec(
                "deploy",
                "Deploy api",
                null,
                Map.of(),
                ALICE,
                List.of(
                        new ApprovalLevel(List.of(CAROL, BOB, ALICE), new Required.AtLeast(1)),
                        new ApprovalLevel(List.of(ERIN), new Required.All())),
                mode,
                List.of(OSCAR),
                channel,
                null,
                null);
    }

    private static Integer level(Delivery delivery) {
        return delivery instanceof AskApprover ask ? ask.level() : null;
    }

    @Test
    void submissionAsksEveryCountableApproverOfLevelOneOnly() {
        var submission = Transitions.submit(RequestId.random(), spec(Mode.STANDARD, null), Via.API, NOW);

        List<Delivery> tasks = NotificationPlan.tasksFor(submission.request(), submission.events());

        // The requester sits on level 1 but can never approve their own request: not asked.
        assertThat(tasks)
                .extracting(Object::getClass, Delivery::to, NotificationPlanTest::level)
                .containsExactly(tuple(AskApprover.class, BOB.value(), 1), tuple(AskApprover.class, CAROL.value(), 1));
    }

    @Test
    void urgentSubmissionAlsoTellsExecutorsAndAChannelGetsItsPostFirst() {
        var submission = Transitions.submit(RequestId.random(), spec(Mode.URGENT, "#deploys"), Via.API, NOW);

        List<Delivery> tasks = NotificationPlan.tasksFor(submission.request(), submission.events());

        assertThat(tasks)
                .extracting(Object::getClass, Delivery::to)
                .containsExactly(
                        tuple(PostToChannel.class, "#deploys"),
                        tuple(AskApprover.class, BOB.value()),
                        tuple(AskApprover.class, CAROL.value()),
                        tuple(TellExecutable.class, OSCAR.value()));
    }

    @Test
    void aSatisfiedLevelAsksTheNextAndRedrawsWhatWasPosted() {
        ApprovalRequest request = Transitions.submit(RequestId.random(), spec(Mode.STANDARD, "#deploys"), Via.API, NOW)
                .request();

        var events =
                Transitions.decide(request, new Vote(BOB, null, Verdict.APPROVE, null, Via.SLACK, NOW), Mandates.NONE);
        List<Delivery> tasks = NotificationPlan.tasksFor(request, events);

        assertThat(tasks)
                .extracting(Object::getClass, Delivery::to, NotificationPlanTest::level)
                .containsExactly(
                        tuple(ChannelProgress.class, "#deploys", null),
                        tuple(ChannelProgress.class, "#deploys", null),
                        tuple(AskApprover.class, ERIN.value(), 2),
                        tuple(Refresh.class, null, null));
        assertThat(((ChannelProgress) tasks.get(0)).line()).contains("bob@example.com approved level 1");
    }

    @Test
    void aRejectionTellsTheRequesterTheReasonAndEscapesWhatPeopleTyped() {
        ApprovalRequest request = Transitions.submit(RequestId.random(), spec(Mode.STANDARD, "#deploys"), Via.API, NOW)
                .request();

        var events = Transitions.decide(
                request, new Vote(BOB, null, Verdict.REJECT, "not now <!channel>", Via.SLACK, NOW), Mandates.NONE);
        List<Delivery> tasks = NotificationPlan.tasksFor(request, events);

        assertThat(tasks)
                .extracting(Object::getClass)
                .containsExactly(TellRejected.class, ChannelProgress.class, Refresh.class);
        assertThat(tasks.get(0).to()).isEqualTo(ALICE.value());
        // A reason must not be able to ping the whole channel.
        assertThat(((ChannelProgress) tasks.get(1)).line())
                .contains("not now &lt;!channel&gt;")
                .doesNotContain("<!channel>");
    }

    @Test
    void finalApprovalTellsRequesterAndExecutors() {
        ApprovalRequest request = Transitions.submit(RequestId.random(), spec(Mode.STANDARD, null), Via.API, NOW)
                .request();
        Transitions.decide(request, new Vote(BOB, null, Verdict.APPROVE, null, Via.SLACK, NOW), Mandates.NONE);

        var events =
                Transitions.decide(request, new Vote(ERIN, null, Verdict.APPROVE, null, Via.API, NOW), Mandates.NONE);
        List<Delivery> tasks = NotificationPlan.tasksFor(request, events);

        assertThat(tasks)
                .extracting(Object::getClass, Delivery::to)
                .containsExactly(
                        tuple(TellApproved.class, ALICE.value()),
                        tuple(TellExecutable.class, OSCAR.value()),
                        tuple(Refresh.class, null));
    }
}
