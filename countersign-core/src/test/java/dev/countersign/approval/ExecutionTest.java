package dev.countersign.approval;

import static dev.countersign.approval.People.ALICE;
import static dev.countersign.approval.People.BOB;
import static dev.countersign.approval.People.CAROL;
import static dev.countersign.approval.People.ERIN;
import static dev.countersign.approval.People.FRANK;
import static dev.countersign.approval.SpecBuilder.aRequest;
import static dev.countersign.approval.Votes.SUBMITTED_AT;
import static dev.countersign.approval.Votes.VOTED_AT;
import static dev.countersign.approval.Votes.approve;
import static dev.countersign.approval.Votes.reject;
import static dev.countersign.approval.Votes.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.approval.ApprovalEvent.ApprovalGranted;
import dev.countersign.approval.ApprovalEvent.ExecutionRecorded;
import dev.countersign.approval.ApprovalEvent.LevelApproved;
import dev.countersign.approval.ApprovalEvent.RequestApproved;
import dev.countersign.approval.ApprovalEvent.RequestBecameExecutable;
import dev.countersign.approval.ApprovalEvent.RequestSubmitted;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the guarded work may run (urgent and standard mode), and recording that it ran. */
class ExecutionTest {

    private static final Instant RAN_AT = VOTED_AT.plusSeconds(60);

    @Test
    void urgentRequestIsExecutableFromTheMomentItIsSubmitted() {
        // given
        RequestSpec spec = aRequest().urgent().level(1, BOB).executors(ERIN).build();

        // when
        ApprovalRequest.Submission submission = ApprovalRequest.submit(RequestId.random(), spec, Via.API, SUBMITTED_AT);

        // then
        assertThat(submission.request().executable()).isTrue();
        assertThat(submission.request().status()).isEqualTo(Status.PENDING);
        assertThat(submission.events())
                .extracting(ApprovalEvent::getClass)
                .containsExactly(RequestSubmitted.class, RequestBecameExecutable.class);
    }

    @Test
    void urgentRequestCannotBeRejected() {
        // given
        ApprovalRequest request = submitted(aRequest().urgent().level(1, BOB));

        // when / then
        assertThatThrownBy(() -> request.decide(reject(BOB, "looks risky"), Mandates.NONE))
                .isExactlyInstanceOf(InvalidApprovalRequest.class)
                .hasMessageContaining("urgent requests cannot be rejected");
        assertThat(request.status()).isEqualTo(Status.PENDING);
        assertThat(request.decisions()).isEmpty();
    }

    @Test
    void urgentRequestIsApprovedOnceEveryLevelIsSatisfied() {
        // given
        ApprovalRequest request = submitted(aRequest().urgent().level(1, BOB).level(1, CAROL));

        // when
        request.decide(approve(BOB), Mandates.NONE);

        // then
        assertThat(request.status()).isEqualTo(Status.PENDING);

        // when
        List<ApprovalEvent> events = request.decide(approve(CAROL), Mandates.NONE);

        // then: already executable, so it does not become executable a second time
        assertThat(request.status()).isEqualTo(Status.APPROVED);
        assertThat(request.executable()).isTrue();
        assertThat(events)
                .extracting(ApprovalEvent::getClass)
                .containsExactly(ApprovalGranted.class, LevelApproved.class, RequestApproved.class);
    }

    @Test
    void standardRequestBecomesExecutableOnlyOnFinalApproval() {
        // given
        ApprovalRequest.Submission submission = ApprovalRequest.submit(
                RequestId.random(),
                aRequest().level(1, BOB).level(1, CAROL).executors(ERIN).build(),
                Via.API,
                SUBMITTED_AT);
        ApprovalRequest request = submission.request();

        // then
        assertThat(submission.events()).noneMatch(RequestBecameExecutable.class::isInstance);
        assertThat(request.executable()).isFalse();

        // when
        List<ApprovalEvent> levelOne = request.decide(approve(BOB), Mandates.NONE);

        // then
        assertThat(levelOne).noneMatch(RequestBecameExecutable.class::isInstance);
        assertThat(request.executable()).isFalse();

        // when
        List<ApprovalEvent> levelTwo = request.decide(approve(CAROL), Mandates.NONE);

        // then
        assertThat(request.executable()).isTrue();
        assertThat(levelTwo).last().isInstanceOf(RequestBecameExecutable.class);
    }

    @Test
    void rejectedRequestNeverBecomesExecutable() {
        // given
        ApprovalRequest request = submitted(aRequest().level(1, BOB).executors(ERIN));

        // when
        request.decide(reject(BOB, "no"), Mandates.NONE);

        // then
        assertThat(request.executable()).isFalse();
    }

    @Test
    void executorRecordsTheExecutionOnce() {
        // given
        ApprovalRequest request = submitted(aRequest().level(1, BOB).executors(CAROL, ERIN));
        request.decide(approve(BOB), Mandates.NONE);

        // when
        List<ApprovalEvent> events = request.recordExecution(ERIN, Via.API, RAN_AT);

        // then
        assertThat(request.execution()).isEqualTo(new Execution(ERIN, RAN_AT, Via.API));
        assertThat(events).singleElement().isInstanceOf(ExecutionRecorded.class);
        assertThatThrownBy(() -> request.recordExecution(CAROL, Via.API, RAN_AT.plusSeconds(1)))
                .isExactlyInstanceOf(RequestStateConflict.class)
                .hasMessageContaining("already recorded by erin@example.com");
        assertThat(request.execution().executor()).isEqualTo(ERIN);
    }

    @Test
    void executionIsRefusedBeforeTheRequestIsExecutable() {
        // given
        ApprovalRequest request = submitted(aRequest().level(1, BOB).executors(ERIN));

        // when / then
        assertThatThrownBy(() -> request.recordExecution(ERIN, Via.API, RAN_AT))
                .isExactlyInstanceOf(RequestStateConflict.class)
                .hasMessage("the request is pending and not executable until it is approved");
        assertThat(request.execution()).isNull();
    }

    @Test
    void executionBySomeoneWhoIsNotAnExecutorIsRefused() {
        // given
        ApprovalRequest request = submitted(aRequest().urgent().level(1, BOB).executors(ERIN));

        // when / then
        assertThatThrownBy(() -> request.recordExecution(FRANK, Via.API, RAN_AT))
                .isExactlyInstanceOf(DecisionNotAllowed.class)
                .hasMessage("frank@example.com is not an executor of this request");
    }

    @Test
    void executionCannotBeRecordedOnARequestWithoutExecutors() {
        // given
        ApprovalRequest request = submitted(aRequest().urgent().level(1, BOB));

        // when / then
        assertThatThrownBy(() -> request.recordExecution(ERIN, Via.API, RAN_AT))
                .isExactlyInstanceOf(InvalidApprovalRequest.class)
                .hasMessageContaining("names no executors");
    }

    @Test
    void cancellingAnUrgentRequestStopsTheWorkFromRunning() {
        // given
        ApprovalRequest request = submitted(aRequest().urgent().level(1, BOB).executors(ERIN));

        // when
        request.cancel(Actor.person(ALICE), "wrong build", Via.API, VOTED_AT);

        // then
        assertThat(request.executable()).isFalse();
        assertThatThrownBy(() -> request.recordExecution(ERIN, Via.API, RAN_AT))
                .isExactlyInstanceOf(RequestStateConflict.class)
                .hasMessage("the request is cancelled and not executable");
    }

    @Test
    void expiringAnUrgentRequestStopsTheWorkFromRunning() {
        // given
        ApprovalRequest request =
                submitted(aRequest().urgent().level(1, BOB).executors(ERIN).expiresAfter(Duration.ofMinutes(5)));

        // when
        request.expire(VOTED_AT);

        // then
        assertThat(request.executable()).isFalse();
    }

    @Test
    void strangerCannotCancel() {
        // given
        ApprovalRequest request = submitted(aRequest().level(1, BOB));

        // when / then: not even an approver
        assertThatThrownBy(() -> request.cancel(Actor.person(BOB), null, Via.API, VOTED_AT))
                .isExactlyInstanceOf(DecisionNotAllowed.class)
                .hasMessage("only the requester (alice@example.com) or an administrator may cancel this request");
        assertThat(request.status()).isEqualTo(Status.PENDING);
    }
}
