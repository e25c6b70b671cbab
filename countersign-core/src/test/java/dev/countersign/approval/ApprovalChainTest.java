package dev.countersign.approval;

import static dev.countersign.approval.People.ALICE;
import static dev.countersign.approval.People.BOB;
import static dev.countersign.approval.People.CAROL;
import static dev.countersign.approval.People.DAVE;
import static dev.countersign.approval.People.ERIN;
import static dev.countersign.approval.People.MALLORY;
import static dev.countersign.approval.SpecBuilder.aRequest;
import static dev.countersign.approval.Votes.approve;
import static dev.countersign.approval.Votes.reject;
import static dev.countersign.approval.Votes.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.approval.ApprovalEvent.ApprovalGranted;
import dev.countersign.approval.ApprovalEvent.LevelApproved;
import dev.countersign.approval.ApprovalEvent.RequestApproved;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Quorums, the order of levels, and who may decide where. */
class ApprovalChainTest {

    @Test
    void oneApprovalSatisfiesAOneOfTwoLevel() {
        // given
        ApprovalRequest request = submitted(aRequest().level(1, BOB, CAROL));

        // when
        request.decide(approve(CAROL), Mandates.NONE);

        // then
        assertThat(request.status()).isEqualTo(Status.APPROVED);
        assertThat(request.levelStatus(1)).isEqualTo(LevelStatus.APPROVED);
    }

    @Test
    void twoOfThreeLevelWaitsForTheSecondApproval() {
        // given
        ApprovalRequest request = submitted(aRequest().level(2, BOB, CAROL, DAVE));

        // when
        List<ApprovalEvent> first = request.decide(approve(BOB), Mandates.NONE);

        // then
        assertThat(first).singleElement().isInstanceOf(ApprovalGranted.class);
        assertThat(request.status()).isEqualTo(Status.PENDING);
        assertThat(request.approvalsStillNeeded(1)).isEqualTo(1);

        // when
        request.decide(approve(DAVE), Mandates.NONE);

        // then
        assertThat(request.status()).isEqualTo(Status.APPROVED);
        assertThat(request.approvalsStillNeeded(1)).isZero();
    }

    @Test
    void allLevelNeedsEveryApprover() {
        // given
        ApprovalRequest request = submitted(aRequest().levelOfAll(BOB, CAROL, DAVE));

        // when
        request.decide(approve(BOB), Mandates.NONE);
        request.decide(approve(CAROL), Mandates.NONE);

        // then
        assertThat(request.status()).isEqualTo(Status.PENDING);
        assertThat(request.approvalsStillNeeded(1)).isEqualTo(1);

        // when
        request.decide(approve(DAVE), Mandates.NONE);

        // then
        assertThat(request.status()).isEqualTo(Status.APPROVED);
    }

    @Test
    void laterLevelApproverIsRefusedUntilEarlierLevelIsSatisfied() {
        // given
        ApprovalRequest request = submitted(aRequest().level(1, BOB, CAROL).levelOfAll(DAVE));

        // when / then
        assertThatThrownBy(() -> request.decide(approve(DAVE), Mandates.NONE))
                .isExactlyInstanceOf(DecisionNotAllowed.class)
                .hasMessage("dave@example.com is an approver of level 2, which is asked only after level 1 is done");
        assertThat(request.decisions()).isEmpty();

        // when
        List<ApprovalEvent> levelOne = request.decide(approve(BOB), Mandates.NONE);

        // then
        assertThat(levelOne).hasSize(2);
        assertThat(levelOne.get(0))
                .isInstanceOfSatisfying(
                        ApprovalGranted.class, e -> assertThat(e.level()).isEqualTo(1));
        assertThat(levelOne.get(1)).isInstanceOfSatisfying(LevelApproved.class, e -> {
            assertThat(e.level()).isEqualTo(1);
            assertThat(e.nextLevel()).isEqualTo(2);
        });
        assertThat(request.currentLevel()).isEqualTo(2);

        // when
        List<ApprovalEvent> levelTwo = request.decide(approve(DAVE), Mandates.NONE);

        // then
        assertThat(levelTwo)
                .extracting(ApprovalEvent::getClass)
                .containsSubsequence(ApprovalGranted.class, LevelApproved.class, RequestApproved.class);
        assertThat(levelTwo)
                .filteredOn(LevelApproved.class::isInstance)
                .singleElement()
                .isInstanceOfSatisfying(
                        LevelApproved.class, e -> assertThat(e.nextLevel()).isNull());
        assertThat(request.status()).isEqualTo(Status.APPROVED);
        assertThat(request.currentLevel()).isNull();
    }

    @Test
    void earlierLevelApproverIsRefusedOnceTheLevelIsDone() {
        // given
        ApprovalRequest request = submitted(aRequest().level(1, BOB, CAROL).level(1, DAVE));
        request.decide(approve(BOB), Mandates.NONE);

        // when / then: Carol's click arrives after Bob already satisfied level 1
        assertThatThrownBy(() -> request.decide(approve(CAROL), Mandates.NONE))
                .isExactlyInstanceOf(DecisionNotAllowed.class)
                .hasMessageContaining("level 1 is already done");
    }

    @Test
    void strangerIsRefused() {
        // given
        ApprovalRequest request = submitted(aRequest().level(1, BOB));

        // when / then
        assertThatThrownBy(() -> request.decide(approve(MALLORY), Mandates.NONE))
                .isExactlyInstanceOf(DecisionNotAllowed.class)
                .hasMessage("mallory@example.com is not an approver of level 1 of this request");
    }

    @Test
    void requesterCannotApproveOwnRequestEvenWhenListed() {
        // given
        ApprovalRequest request = submitted(aRequest().level(1, ALICE, BOB));

        // when / then
        assertThatThrownBy(() -> request.decide(approve(ALICE), Mandates.NONE))
                .isExactlyInstanceOf(DecisionNotAllowed.class)
                .hasMessageContaining("cannot decide on their own request");
        assertThat(request.status()).isEqualTo(Status.PENDING);
        assertThat(request.decisions()).isEmpty();
    }

    @Test
    void requesterCannotRejectOwnRequestEither() {
        // given
        ApprovalRequest request = submitted(aRequest().level(1, ALICE, BOB));

        // when / then
        assertThatThrownBy(() -> request.decide(reject(ALICE, "changed my mind"), Mandates.NONE))
                .isExactlyInstanceOf(DecisionNotAllowed.class);
    }

    @Test
    void requesterListedOnAnAllLevelDoesNotBlockIt() {
        // given
        ApprovalRequest request = submitted(aRequest().levelOfAll(ALICE, BOB, CAROL));

        // then
        assertThat(request.eligibleApprovers(1)).containsExactlyInAnyOrder(BOB, CAROL);
        assertThat(request.approvalsStillNeeded(1)).isEqualTo(2);

        // when
        request.decide(approve(BOB), Mandates.NONE);
        request.decide(approve(CAROL), Mandates.NONE);

        // then
        assertThat(request.status()).isEqualTo(Status.APPROVED);
    }

    @Test
    void onePersonsDecisionCountsForOneLevelOnly() {
        // given: Bob sits on both levels
        ApprovalRequest request = submitted(aRequest().level(1, BOB, CAROL).level(1, BOB, DAVE));
        request.decide(approve(BOB), Mandates.NONE);

        // when / then
        assertThat(request.currentLevel()).isEqualTo(2);
        assertThatThrownBy(() -> request.decide(approve(BOB), Mandates.NONE))
                .isExactlyInstanceOf(DecisionNotAllowed.class)
                .hasMessage("bob@example.com already decided on level 1; one person's decision counts for one "
                        + "level only");
        assertThat(request.eligibleApprovers(2)).containsExactly(DAVE);

        // when
        request.decide(approve(DAVE), Mandates.NONE);

        // then
        assertThat(request.status()).isEqualTo(Status.APPROVED);
    }

    @Test
    void personOnTwoLevelsWhoDidNotDecideEarlierMayDecideLater() {
        // given: Carol approves level 1, so Bob's one decision is still his to give on level 2
        ApprovalRequest request = submitted(aRequest().level(1, BOB, CAROL).levelOfAll(BOB, DAVE));
        request.decide(approve(CAROL), Mandates.NONE);

        // when
        request.decide(approve(BOB), Mandates.NONE);

        // then: an "all" level counts everyone still eligible, so Dave is still needed
        assertThat(request.eligibleApprovers(2)).containsExactlyInAnyOrder(BOB, DAVE);
        assertThat(request.approvalsStillNeeded(2)).isEqualTo(1);
        assertThat(request.status()).isEqualTo(Status.PENDING);
    }

    @Test
    void allLevelDoesNotWaitForSomeoneWhoDecidedOnAnEarlierLevel() {
        // given
        ApprovalRequest request = submitted(aRequest().level(1, BOB, CAROL).levelOfAll(BOB, DAVE));
        request.decide(approve(BOB), Mandates.NONE);

        // when
        request.decide(approve(DAVE), Mandates.NONE);

        // then
        assertThat(request.status()).isEqualTo(Status.APPROVED);
    }

    @Test
    void secondVoteOfTheSameApproverIsAConflict() {
        // given
        ApprovalRequest request = submitted(aRequest().level(2, BOB, CAROL, DAVE));
        request.decide(approve(BOB), Mandates.NONE);

        // when / then
        assertThatThrownBy(() -> request.decide(approve(BOB), Mandates.NONE))
                .isExactlyInstanceOf(RequestStateConflict.class)
                .hasMessage("bob@example.com has already decided on level 1 (approve)");
        assertThat(request.decisions()).hasSize(1);
        assertThat(request.approvalsStillNeeded(1)).isEqualTo(1);
    }

    @Test
    void emailsAreComparedWithoutLetterCase() {
        // given
        ApprovalRequest request = submitted(
                aRequest().requester(Email.of("Alice@Example.com")).level(2, Email.of("BOB@example.com"), CAROL, DAVE));

        // when
        request.decide(approve(Email.of("Bob@Example.com")), Mandates.NONE);

        // then
        assertThat(request.decisions())
                .singleElement()
                .extracting(Decision::approver)
                .isEqualTo(BOB);
        assertThatThrownBy(() -> request.decide(approve(Email.of("bob@EXAMPLE.COM")), Mandates.NONE))
                .isExactlyInstanceOf(RequestStateConflict.class);
        assertThatThrownBy(() -> request.decide(approve(Email.of("ALICE@example.com")), Mandates.NONE))
                .isExactlyInstanceOf(DecisionNotAllowed.class);
    }

    @Test
    void rejectionAtTheCurrentLevelRejectsTheWholeRequest() {
        // given
        ApprovalRequest request =
                submitted(aRequest().level(2, BOB, CAROL, DAVE).level(1, ERIN));
        request.decide(approve(BOB), Mandates.NONE);

        // when
        request.decide(reject(CAROL, "  the change window is closed  "), Mandates.NONE);

        // then
        assertThat(request.status()).isEqualTo(Status.REJECTED);
        assertThat(request.decidedAt()).isEqualTo(Votes.VOTED_AT);
        assertThat(request.decisions()).last().satisfies(d -> {
            assertThat(d.verdict()).isEqualTo(Verdict.REJECT);
            assertThat(d.reason()).isEqualTo("the change window is closed");
        });
    }

    @Test
    void rejectionNeedsAReasonThatSaysWhomToTell() {
        // given
        ApprovalRequest request = submitted(aRequest().level(1, BOB));

        // when / then
        assertThatThrownBy(() -> request.decide(reject(BOB, null), Mandates.NONE))
                .isExactlyInstanceOf(InvalidApprovalRequest.class)
                .hasMessage("a rejection needs a reason: tell alice@example.com why");
        assertThat(request.decisions()).isEmpty();
    }

    @Test
    void overlongReasonIsRefused() {
        // given
        ApprovalRequest request = submitted(aRequest().level(1, BOB));
        String reason = "x".repeat(ApprovalRequest.MAX_REASON + 1);

        // when / then
        assertThatThrownBy(() -> request.decide(reject(BOB, reason), Mandates.NONE))
                .isExactlyInstanceOf(InvalidApprovalRequest.class)
                .hasMessageContaining("at most " + ApprovalRequest.MAX_REASON + " characters");
    }
}
