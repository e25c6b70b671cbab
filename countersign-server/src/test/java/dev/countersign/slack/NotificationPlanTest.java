package dev.countersign.slack;

import dev.countersign.approval.Credential;
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
import dev.countersign.slack.SlackOutbox.NewTask;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class NotificationPlanTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Email ALICE = new Email("alice@example.com");
    private static final Email BOB = new Email("bob@example.com");
    private static final Email CAROL = new Email("carol@example.com");
    private static final Email ERIN = new Email("erin@example.com");
    private static final Email OSCAR = new Email("oscar@example.com");

    private static RequestSpec spec(Mode mode, String channel) {
        return new RequestSpec("deploy", "Deploy api", null, Map.of(), ALICE,
                List.of(new ApprovalLevel(List.of(CAROL, BOB, ALICE), new Required.AtLeast(1)),
                        new ApprovalLevel(List.of(ERIN), new Required.All())),
                mode, List.of(OSCAR), channel, null, null);
    }

    @Test
    void submissionAsksEveryCountableApproverOfLevelOneOnly() {
        var submission = Transitions.submit(RequestId.random(), spec(Mode.STANDARD, null), Via.API, NOW);

        List<NewTask> tasks = NotificationPlan.tasksFor(submission.request(), submission.events());

        // The requester sits on level 1 but can never approve their own request: not asked.
        assertThat(tasks).extracting(NewTask::task, NewTask::recipient, NewTask::level).containsExactly(
                tuple(SlackTask.ASK_APPROVER, BOB.value(), 1), tuple(SlackTask.ASK_APPROVER, CAROL.value(), 1));
    }

    @Test
    void urgentSubmissionAlsoTellsExecutorsAndAChannelGetsItsPostFirst() {
        var submission = Transitions.submit(RequestId.random(), spec(Mode.URGENT, "#deploys"), Via.API, NOW);

        List<NewTask> tasks = NotificationPlan.tasksFor(submission.request(), submission.events());

        assertThat(tasks).extracting(NewTask::task, NewTask::recipient).containsExactly(
                tuple(SlackTask.POST_TO_CHANNEL, "#deploys"),
                tuple(SlackTask.ASK_APPROVER, BOB.value()), tuple(SlackTask.ASK_APPROVER, CAROL.value()),
                tuple(SlackTask.TELL_EXECUTABLE, OSCAR.value()));
    }

    @Test
    void aSatisfiedLevelAsksTheNextAndRedrawsWhatWasPosted() {
        ApprovalRequest request = Transitions.submit(RequestId.random(), spec(Mode.STANDARD, "#deploys"),
                Via.API, NOW).request();

        var events = Transitions.decide(request, new Vote(BOB, null, Verdict.APPROVE, null, Via.SLACK, NOW),
                Mandates.NONE);
        List<NewTask> tasks = NotificationPlan.tasksFor(request, events);

        assertThat(tasks).extracting(NewTask::task, NewTask::recipient, NewTask::level).containsExactly(
                tuple(SlackTask.CHANNEL_PROGRESS, "#deploys", null),
                tuple(SlackTask.CHANNEL_PROGRESS, "#deploys", null),
                tuple(SlackTask.ASK_APPROVER, ERIN.value(), 2),
                tuple(SlackTask.REFRESH, null, null));
        assertThat(tasks.get(0).note()).contains("bob@example.com approved level 1");
    }

    @Test
    void aRejectionTellsTheRequesterTheReasonAndEscapesWhatPeopleTyped() {
        ApprovalRequest request = Transitions.submit(RequestId.random(), spec(Mode.STANDARD, "#deploys"),
                Via.API, NOW).request();

        var events = Transitions.decide(request,
                new Vote(BOB, null, Verdict.REJECT, "not now <!channel>", Via.SLACK, NOW), Mandates.NONE);
        List<NewTask> tasks = NotificationPlan.tasksFor(request, events);

        assertThat(tasks).extracting(NewTask::task).containsExactly(SlackTask.TELL_REJECTED,
                SlackTask.CHANNEL_PROGRESS, SlackTask.REFRESH);
        assertThat(tasks.get(0).recipient()).isEqualTo(ALICE.value());
        // A reason must not be able to ping the whole channel.
        assertThat(tasks.get(1).note()).contains("not now &lt;!channel&gt;").doesNotContain("<!channel>");
    }

    @Test
    void finalApprovalTellsRequesterAndExecutors() {
        ApprovalRequest request = Transitions.submit(RequestId.random(), spec(Mode.STANDARD, null),
                Via.API, NOW).request();
        Transitions.decide(request, new Vote(BOB, null, Verdict.APPROVE, null, Via.SLACK, NOW), Mandates.NONE);

        var events = Transitions.decide(request, new Vote(ERIN, null, Verdict.APPROVE, null, Via.API, NOW),
                Mandates.NONE);
        List<NewTask> tasks = NotificationPlan.tasksFor(request, events);

        assertThat(tasks).extracting(NewTask::task, NewTask::recipient).containsExactly(
                tuple(SlackTask.TELL_APPROVED, ALICE.value()),
                tuple(SlackTask.TELL_EXECUTABLE, OSCAR.value()),
                tuple(SlackTask.REFRESH, null));
    }
}
