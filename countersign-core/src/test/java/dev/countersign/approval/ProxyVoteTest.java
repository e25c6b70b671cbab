package dev.countersign.approval;

import static dev.countersign.approval.People.ALICE;
import static dev.countersign.approval.People.BOB;
import static dev.countersign.approval.People.CAROL;
import static dev.countersign.approval.People.DAVE;
import static dev.countersign.approval.People.FRANK;
import static dev.countersign.approval.SpecBuilder.aRequest;
import static dev.countersign.approval.Votes.VOTED_AT;
import static dev.countersign.approval.Votes.approve;
import static dev.countersign.approval.Votes.approveFor;
import static dev.countersign.approval.Votes.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Proxies: a person acting for an approver, through the {@link Mandates} seam. */
class ProxyVoteTest {

    /** Frank may act for Bob, and for nobody else. */
    private static final Mandates FRANK_FOR_BOB =
            (proxy, principal, at) -> proxy.equals(FRANK) && principal.equals(BOB);

    @Test
    void proxyVoteIsRefusedWithoutAMandate() {
        // given
        ApprovalRequest request = submitted(aRequest().level(1, BOB, CAROL));

        // when / then
        assertThatThrownBy(() -> request.decide(approveFor(BOB, FRANK), Mandates.NONE))
                .isExactlyInstanceOf(DecisionNotAllowed.class)
                .hasMessage("frank@example.com has no active delegation from bob@example.com");
        assertThat(request.decisions()).isEmpty();
    }

    @Test
    void mandateIsAskedAboutThisProxyPrincipalAndMoment() {
        // given
        ApprovalRequest request = submitted(aRequest().level(1, BOB));
        List<Object> asked = new ArrayList<>();
        Mandates recording = (proxy, principal, at) -> asked.addAll(List.of(proxy, principal, at));

        // when
        request.decide(approveFor(BOB, FRANK), recording);

        // then
        assertThat(asked).containsExactly(FRANK, BOB, VOTED_AT);
    }

    @Test
    void proxyVoteIsRecordedAsTheProxyOnBehalfOfThePrincipal() {
        // given
        ApprovalRequest request = submitted(aRequest().level(1, BOB, CAROL));

        // when
        request.decide(approveFor(BOB, FRANK), FRANK_FOR_BOB);

        // then
        assertThat(request.status()).isEqualTo(Status.APPROVED);
        assertThat(request.decisions()).singleElement().satisfies(d -> {
            assertThat(d.approver()).isEqualTo(FRANK);
            assertThat(d.onBehalfOf()).isEqualTo(BOB);
            assertThat(d.voter()).isEqualTo(BOB);
        });
    }

    @Test
    void proxyVoteCountsAsThePrincipalsVote() {
        // given
        ApprovalRequest request = submitted(aRequest().level(2, BOB, CAROL, DAVE));

        // when
        request.decide(approveFor(BOB, FRANK), FRANK_FOR_BOB);

        // then: one of two approvals given, and Bob has used his
        assertThat(request.approvalsStillNeeded(1)).isEqualTo(1);
        assertThatThrownBy(() -> request.decide(approve(BOB), Mandates.NONE))
                .isExactlyInstanceOf(RequestStateConflict.class);

        // when
        request.decide(approve(CAROL), Mandates.NONE);

        // then
        assertThat(request.status()).isEqualTo(Status.APPROVED);
    }

    @Test
    void proxyVoteForAPrincipalWhoAlreadyVotedIsAConflict() {
        // given
        ApprovalRequest request = submitted(aRequest().level(2, BOB, CAROL, DAVE));
        request.decide(approve(BOB), Mandates.NONE);

        // when / then
        assertThatThrownBy(() -> request.decide(approveFor(BOB, FRANK), FRANK_FOR_BOB))
                .isExactlyInstanceOf(RequestStateConflict.class)
                .hasMessageContaining("bob@example.com has already decided");
        assertThat(request.decisions()).hasSize(1);
    }

    @Test
    void requesterCannotVoteAsSomeonesProxy() {
        // given
        ApprovalRequest request = submitted(aRequest().level(1, BOB, CAROL));
        Mandates aliceForBob = (proxy, principal, at) -> proxy.equals(ALICE) && principal.equals(BOB);

        // when / then
        assertThatThrownBy(() -> request.decide(approveFor(BOB, ALICE), aliceForBob))
                .isExactlyInstanceOf(DecisionNotAllowed.class)
                .hasMessageContaining("cannot decide on their own request");
        assertThat(request.decisions()).isEmpty();
    }

    @Test
    void proxyCannotActForTheRequester() {
        // given: Alice is listed, but never counts, whoever clicks for her
        ApprovalRequest request = submitted(aRequest().level(1, ALICE, BOB));
        Mandates frankForAlice = (proxy, principal, at) -> proxy.equals(FRANK) && principal.equals(ALICE);

        // when / then
        assertThatThrownBy(() -> request.decide(approveFor(ALICE, FRANK), frankForAlice))
                .isExactlyInstanceOf(DecisionNotAllowed.class);
    }

    @Test
    void proxyForSomeoneNotOnTheCurrentLevelIsRefused() {
        // given
        ApprovalRequest request = submitted(aRequest().level(1, CAROL).level(1, BOB));

        // when / then
        assertThatThrownBy(() -> request.decide(approveFor(BOB, FRANK), FRANK_FOR_BOB))
                .isExactlyInstanceOf(DecisionNotAllowed.class)
                .hasMessageContaining("which is asked only after level 1 is done");
    }

    @Test
    void voteOnOnesOwnBehalfIsAnOrdinaryVote() {
        // given
        ApprovalRequest request = submitted(aRequest().level(1, BOB));

        // when
        request.decide(new Vote(BOB, BOB, Verdict.APPROVE, null, Via.API, Instant.EPOCH), Mandates.NONE);

        // then
        assertThat(request.decisions()).singleElement().satisfies(d -> {
            assertThat(d.approver()).isEqualTo(BOB);
            assertThat(d.onBehalfOf()).isNull();
        });
    }
}
