package dev.countersign.approval;

import static dev.countersign.approval.People.ALICE;
import static dev.countersign.approval.People.BOB;
import static dev.countersign.approval.People.CAROL;
import static dev.countersign.approval.People.DAVE;
import static dev.countersign.approval.People.ERIN;
import static dev.countersign.approval.People.FRANK;
import static dev.countersign.approval.People.MALLORY;
import static dev.countersign.approval.SpecBuilder.aRequest;
import static dev.countersign.approval.Votes.SUBMITTED_AT;
import static dev.countersign.approval.Votes.VOTED_AT;
import static dev.countersign.approval.Votes.approve;
import static dev.countersign.approval.Votes.approveFor;
import static dev.countersign.approval.Votes.reject;
import static dev.countersign.approval.Votes.submitted;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The questions front ends ask a request (who is still awaited, how many approvals are missing, why it was
 * cancelled, whom it concerns), answered by the request so that no adapter works them out on its own.
 */
class RequestQuestionsTest {

    /** Frank may act for Bob, and for nobody else; his mandate has no end the core knows of. */
    private static final Mandates FRANK_FOR_BOB =
            (proxy, principal, at) -> proxy.equals(FRANK) && principal.equals(BOB);

    @Test
    void awaitsAnApproverOfTheCurrentLevelWhoHasNotDecided() {
        // given
        ApprovalRequest request = submitted(aRequest().level(2, BOB, CAROL, DAVE));

        // when
        request.decide(approve(BOB), Mandates.NONE);

        // then
        assertThat(request.awaits(CAROL, 1)).isTrue();
        assertThat(request.awaits(DAVE, 1)).isTrue();
        assertThat(request.awaits(BOB, 1)).isFalse();
    }

    @Test
    void doesNotAwaitAnApproverOfALaterLevelUntilThatLevelIsAsked() {
        // given
        ApprovalRequest request = submitted(aRequest().level(1, BOB).level(1, CAROL));

        // when
        boolean beforeLevelOne = request.awaits(CAROL, 2);
        request.decide(approve(BOB), Mandates.NONE);

        // then
        assertThat(beforeLevelOne).isFalse();
        assertThat(request.awaits(CAROL, 2)).isTrue();
        assertThat(request.awaits(CAROL, 1)).isFalse();
    }

    @Test
    void doesNotAwaitTheRequesterNorSomeoneWhoDecidedOnAnEarlierLevelNorAStranger() {
        // given: alice lists herself; bob is listed on both levels
        ApprovalRequest request = submitted(aRequest().level(1, ALICE, BOB).level(1, BOB, CAROL));

        // when
        request.decide(approve(BOB), Mandates.NONE);

        // then
        assertThat(request.awaits(ALICE, 2)).isFalse();
        assertThat(request.awaits(BOB, 2)).isFalse();
        assertThat(request.awaits(MALLORY, 2)).isFalse();
        assertThat(request.awaits(CAROL, 2)).isTrue();
    }

    @Test
    void awaitsNobodyOnceTheRequestEnded() {
        // given
        ApprovalRequest request = submitted(aRequest().level(1, BOB, CAROL));

        // when
        request.cancel(Actor.person(ALICE), null, Via.API, VOTED_AT);

        // then
        assertThat(request.awaits(BOB, 1)).isFalse();
        assertThat(request.awaits(CAROL, 1)).isFalse();
        assertThat(request.asks(1)).isFalse();
    }

    @Test
    void asksOnlyTheCurrentLevelOfAPendingRequest() {
        // given
        ApprovalRequest request = submitted(aRequest().level(1, BOB).level(1, CAROL));

        // when
        boolean[] before = {request.asks(1), request.asks(2)};
        request.decide(approve(BOB), Mandates.NONE);

        // then
        assertThat(before).containsExactly(true, false);
        assertThat(request.asks(1)).isFalse();
        assertThat(request.asks(2)).isTrue();
    }

    @Test
    void undecidedApproversAreTheEligibleOnesWhoHaveNotDecidedInAddressOrder() {
        // given: alice (the requester) is listed too
        ApprovalRequest request = submitted(aRequest().level(2, DAVE, ALICE, CAROL, BOB));

        // when
        request.decide(approve(CAROL), Mandates.NONE);

        // then
        assertThat(request.undecidedApprovers(1)).containsExactly(BOB, DAVE);
    }

    @Test
    void undecidedApproversLeaveOutWhoeverDecidedOnAnEarlierLevel() {
        // given
        ApprovalRequest request = submitted(aRequest().level(1, BOB, CAROL).level(1, BOB, DAVE));

        // when
        request.decide(approve(BOB), Mandates.NONE);

        // then
        assertThat(request.undecidedApprovers(2)).containsExactly(DAVE);
        assertThat(request.undecidedApprovers(1)).containsExactly(CAROL);
    }

    @Test
    void approvalsStillNeededCountDownWithEachApprovalAndNeverBelowZero() {
        // given
        ApprovalRequest request =
                submitted(aRequest().level(2, BOB, CAROL, DAVE).level(1, ERIN));

        // when
        int atFirst = request.approvalsStillNeeded(1);
        request.decide(approve(BOB), Mandates.NONE);
        int afterOne = request.approvalsStillNeeded(1);
        request.decide(approve(CAROL), Mandates.NONE);

        // then
        assertThat(atFirst).isEqualTo(2);
        assertThat(afterOne).isEqualTo(1);
        assertThat(request.approvalsStillNeeded(1)).isZero();
        assertThat(request.approvalsStillNeeded(2)).isEqualTo(1);
    }

    @Test
    void aLevelOfAllStillNeedsEveryEligibleApproverButNotTheRequester() {
        // given
        ApprovalRequest request = submitted(aRequest().levelOfAll(ALICE, BOB, CAROL));

        // when
        request.decide(approve(BOB), Mandates.NONE);

        // then
        assertThat(request.approvalsStillNeeded(1)).isEqualTo(1);
    }

    @Test
    void decisionOfAPrincipalIsTheOneTheirProxyCast() {
        // given
        ApprovalRequest request = submitted(aRequest().level(2, BOB, CAROL));

        // when
        request.decide(approveFor(BOB, FRANK), FRANK_FOR_BOB);

        // then
        assertThat(request.decisionOf(BOB)).hasValueSatisfying(decision -> {
            assertThat(decision.approver()).isEqualTo(FRANK);
            assertThat(decision.onBehalfOf()).isEqualTo(BOB);
        });
        assertThat(request.decisionOf(FRANK)).isEmpty();
        assertThat(request.decisionOf(CAROL)).isEmpty();
        assertThat(request.awaits(BOB, 1)).isFalse();
    }

    @Test
    void rejectionIsTheDecisionThatEndedTheRequest() {
        // given
        ApprovalRequest request = submitted(aRequest().level(1, BOB, CAROL));
        boolean whilePending = request.rejection().isPresent();

        // when
        request.decide(reject(CAROL, "tests are red"), Mandates.NONE);

        // then
        assertThat(whilePending).isFalse();
        assertThat(request.rejection()).hasValueSatisfying(decision -> {
            assertThat(decision.approver()).isEqualTo(CAROL);
            assertThat(decision.reason()).isEqualTo("tests are red");
        });
    }

    @Test
    void cancellationKeepsWhoCancelledAndTheReasonStripped() {
        // given
        ApprovalRequest request = submitted(aRequest().level(1, BOB));

        // when
        request.cancel(Actor.person(ALICE), "  wrong build\n", Via.API, VOTED_AT);

        // then
        assertThat(request.cancellation()).contains(new Cancellation(ALICE.value(), "wrong build"));
    }

    @Test
    void cancellationWithABlankReasonKeepsNoReason() {
        // given
        ApprovalRequest request = submitted(aRequest().level(1, BOB));

        // when
        request.cancel(Actor.administrator("ops-bot"), "   ", Via.API, VOTED_AT);

        // then
        assertThat(request.cancellation()).contains(new Cancellation("ops-bot", null));
    }

    @Test
    void cancellationIsEmptyUnlessTheRequestWasCancelled() {
        // given
        ApprovalRequest pending = submitted(aRequest().level(1, BOB));
        ApprovalRequest approved = submitted(aRequest().level(1, BOB));

        // when
        approved.decide(approve(BOB), Mandates.NONE);

        // then
        assertThat(pending.cancellation()).isEmpty();
        assertThat(approved.cancellation()).isEmpty();
    }

    @Test
    void aRequestIsDueToExpireFromItsExpiryOnWhileItIsPending() {
        // given
        Instant expiry = SUBMITTED_AT.plus(Duration.ofHours(24));
        ApprovalRequest expiring = submitted(aRequest().level(1, BOB).expiresAfter(Duration.ofHours(24)));
        ApprovalRequest decided = submitted(aRequest().level(1, BOB).expiresAfter(Duration.ofHours(24)));
        ApprovalRequest endless = submitted(aRequest().level(1, BOB));

        // when
        decided.decide(approve(BOB), Mandates.NONE);

        // then
        assertThat(expiring.dueToExpire(expiry.minusNanos(1))).isFalse();
        assertThat(expiring.dueToExpire(expiry)).isTrue();
        assertThat(expiring.dueToExpire(expiry.plusSeconds(1))).isTrue();
        assertThat(decided.dueToExpire(expiry.plusSeconds(1))).isFalse();
        assertThat(endless.dueToExpire(expiry.plus(Duration.ofDays(400)))).isFalse();
    }

    @Test
    void concernedPeopleAreTheRequesterEveryListedApproverAndTheExecutorsEachOnce() {
        // given: bob is listed twice, and executes as well
        ApprovalRequest request =
                submitted(aRequest().level(1, BOB, CAROL).level(1, DAVE, BOB).executors(ERIN, BOB));

        // when
        var concerned = request.concernedPeople();

        // then: not frank, who may act for bob: delegates are for the Mandates port to name
        assertThat(concerned).containsExactly(ALICE, BOB, CAROL, DAVE, ERIN);
        assertThat(request.listedApprovers()).containsExactly(BOB, CAROL, DAVE);
        assertThat(concerned).doesNotContain(FRANK, MALLORY);
    }

    @Test
    void aMandateWhoseEndTheSourceDoesNotKnowLastsUntilFurtherNotice() {
        // when
        var held = FRANK_FOR_BOB.until(FRANK, BOB, VOTED_AT);
        var notHeld = FRANK_FOR_BOB.until(FRANK, CAROL, VOTED_AT);

        // then
        assertThat(held).contains(Instant.MAX);
        assertThat(notHeld).isEmpty();
    }

    @Test
    void theUrgentRejectionPolicyRefusesOnlyARejectionOfAnUrgentRequest() {
        // given
        var policy = new DecisionPolicy.UrgentRequestCannotBeRejected();
        ApprovalRequest urgent = submitted(aRequest().level(1, BOB).urgent());
        ApprovalRequest standard = submitted(aRequest().level(1, BOB));

        // when
        var rejectingUrgent = policy.refusal(urgent, reject(BOB, "looks risky"), Mandates.NONE);
        var approvingUrgent = policy.refusal(urgent, approve(BOB), Mandates.NONE);
        var rejectingStandard = policy.refusal(standard, reject(BOB, "looks risky"), Mandates.NONE);

        // then
        assertThat(rejectingUrgent)
                .hasValueSatisfying(refusal -> assertThat(refusal)
                        .isExactlyInstanceOf(InvalidApprovalRequest.class)
                        .hasMessageStartingWith("urgent requests cannot be rejected"));
        assertThat(approvingUrgent).isEmpty();
        assertThat(rejectingStandard).isEmpty();
        assertThat(DecisionPolicy.STANDARD).last().isEqualTo(policy);
    }

    @Test
    void asksADelegateOnBehalfUnlessTheirOwnApprovalCountsOnTheLevelOrTheyMadeTheRequest() {
        // given: bob and carol are asked on level 1; alice made the request
        ApprovalRequest request = submitted(aRequest().level(1, BOB, CAROL));

        // when / then
        assertThat(request.asksOnBehalf(FRANK, 1)).isTrue();
        assertThat(request.asksOnBehalf(CAROL, 1)).isFalse();
        assertThat(request.asksOnBehalf(ALICE, 1)).isFalse();
    }

    @Test
    void nobodyButTheRequesterMayBeOfferedTheRequestOnSomeonesBehalf() {
        // given
        ApprovalRequest request = submitted(aRequest().level(1, BOB));

        // when / then
        assertThat(request.mayDecideOnBehalf(FRANK)).isTrue();
        assertThat(request.mayDecideOnBehalf(BOB)).isTrue();
        assertThat(request.mayDecideOnBehalf(ALICE)).isFalse();
    }

    @Test
    void namesTheFirstLevelThatListsAPersonEvenWhereTheirApprovalDoesNotCount() {
        // given: alice lists herself on level 2; bob is listed on both levels
        ApprovalRequest request = submitted(aRequest().level(1, BOB).level(1, ALICE, BOB, CAROL));

        // when / then
        assertThat(request.levelListing(BOB)).hasValue(1);
        assertThat(request.levelListing(CAROL)).hasValue(2);
        assertThat(request.levelListing(ALICE)).hasValue(2);
        assertThat(request.levelListing(MALLORY)).isEmpty();
    }

    @Test
    void saysWhoApprovedEachLevelAndTheWholeRequestLeavingRejectionsOut() {
        // given
        ApprovalRequest request = submitted(aRequest().level(2, BOB, CAROL).level(2, DAVE, ERIN, FRANK));
        request.decide(approve(CAROL), Mandates.NONE);
        request.decide(approve(BOB), Mandates.NONE);
        request.decide(approve(ERIN), Mandates.NONE);

        // when
        request.decide(reject(DAVE, "not now"), Mandates.NONE);

        // then
        assertThat(request.approvalsOn(1)).extracting(Decision::approver).containsExactly(CAROL, BOB);
        assertThat(request.approvalsOn(2)).extracting(Decision::approver).containsExactly(ERIN);
        assertThat(request.approvals()).extracting(Decision::approver).containsExactly(CAROL, BOB, ERIN);
    }
}
