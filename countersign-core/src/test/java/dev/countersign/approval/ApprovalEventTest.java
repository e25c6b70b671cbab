package dev.countersign.approval;

import static dev.countersign.approval.People.ALICE;
import static dev.countersign.approval.People.BOB;
import static dev.countersign.approval.People.CAROL;
import static dev.countersign.approval.People.ERIN;
import static dev.countersign.approval.People.FRANK;
import static dev.countersign.approval.SpecBuilder.aRequest;
import static dev.countersign.approval.Votes.SUBMITTED_AT;
import static dev.countersign.approval.Votes.VOTED_AT;
import static dev.countersign.approval.Votes.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every transition says what happened, who did it, for whom and by which path: the audit trail's raw material. */
class ApprovalEventTest {

    private static final Mandates FRANK_FOR_CAROL =
            (proxy, principal, at) -> proxy.equals(FRANK) && principal.equals(CAROL);

    @Test
    void submittingAnUrgentRequestSaysWhoAskedAndThatTheWorkMayRun() {
        // when
        var submission = ApprovalRequest.submit(
                RequestId.random(),
                aRequest().urgent().level(1, BOB).executors(ERIN).build(),
                Via.WEB,
                SUBMITTED_AT);

        // then
        assertThat(audit(submission.events()))
                .containsExactly(
                        new Line(
                                "request-submitted",
                                "alice@example.com",
                                null,
                                Via.WEB,
                                "urgent request with 1 level(s)"),
                        new Line("request-executable", "alice@example.com", null, Via.WEB, "the work may run now"));
        assertThat(submission.events())
                .allMatch(e -> e.at().equals(SUBMITTED_AT)
                        && e.requestId().equals(submission.request().id()));
    }

    @Test
    void approvalThatLeavesTheLevelOpenIsOneGrant() {
        // given
        ApprovalRequest request = submitted(aRequest().level(2, BOB, CAROL, ERIN));

        // when
        var events = request.decide(
                new Vote(BOB, null, Verdict.APPROVE, " looks good ", Via.SLACK, VOTED_AT), Mandates.NONE);

        // then
        assertThat(audit(events))
                .containsExactly(new Line(
                        "approval-granted", "bob@example.com", null, Via.SLACK, "approved level 1: looks good"));
        assertThat(request.decisions())
                .singleElement()
                .isEqualTo(new Decision(1, BOB, null, Verdict.APPROVE, "looks good", VOTED_AT, Via.SLACK));
    }

    @Test
    void finalApprovalByProxyNamesTheProxyAndThePrincipal() {
        // given
        ApprovalRequest request =
                submitted(aRequest().level(1, BOB).level(1, CAROL).executors(ERIN));
        request.decide(Votes.approve(BOB), Mandates.NONE);

        // when
        var events = request.decide(new Vote(FRANK, CAROL, Verdict.APPROVE, null, Via.LINK, VOTED_AT), FRANK_FOR_CAROL);

        // then
        assertThat(audit(events))
                .containsExactly(
                        new Line("approval-granted", "frank@example.com", CAROL, Via.LINK, "approved level 2"),
                        new Line("level-approved", "frank@example.com", CAROL, Via.LINK, "level 2 satisfied"),
                        new Line("request-approved", "frank@example.com", CAROL, Via.LINK, "all levels approved"),
                        new Line("request-executable", "frank@example.com", null, Via.LINK, "the work may run now"));
        assertThat(events)
                .filteredOn(ApprovalEvent::ends)
                .singleElement()
                .isInstanceOf(ApprovalEvent.RequestApproved.class);
    }

    @Test
    void levelApprovalNamesTheNextLevel() {
        // given
        ApprovalRequest request = submitted(aRequest().level(1, BOB).level(1, CAROL));

        // when
        var events = request.decide(Votes.approve(BOB), Mandates.NONE);

        // then
        assertThat(events)
                .extracting(ApprovalEvent::action, ApprovalEvent::detail, ApprovalEvent::ends)
                .containsExactly(
                        tuple("approval-granted", "approved level 1", false),
                        tuple("level-approved", "level 1 satisfied; level 2 asked", false));
    }

    @Test
    void rejectionCarriesTheReason() {
        // given
        ApprovalRequest request = submitted(aRequest().level(1, BOB));

        // when
        var events = request.decide(
                new Vote(BOB, null, Verdict.REJECT, "tests are red\n", Via.WEB, VOTED_AT), Mandates.NONE);

        // then
        assertThat(audit(events))
                .containsExactly(new Line(
                        "request-rejected", "bob@example.com", null, Via.WEB, "rejected at level 1: tests are red"));
        assertThat(events).singleElement().matches(ApprovalEvent::ends);
    }

    @Test
    void cancellationNamesWhoCancelledAndWhy() {
        // given
        ApprovalRequest request = submitted(aRequest().level(1, BOB));

        // when
        var byRequester = request.cancel(Actor.person(ALICE), "wrong build", Via.API, VOTED_AT);
        ApprovalRequest other = submitted(aRequest().level(1, BOB));
        var byAdministrator = other.cancel(Actor.administrator("admin"), " ", Via.API, VOTED_AT);

        // then
        assertThat(audit(byRequester))
                .containsExactly(
                        new Line("request-cancelled", "alice@example.com", null, Via.API, "cancelled: wrong build"));
        assertThat(audit(byAdministrator))
                .containsExactly(new Line("request-cancelled", "admin", null, Via.API, "cancelled"));
        assertThat(byRequester).allMatch(ApprovalEvent::ends);
    }

    @Test
    void expiryIsRefusedBeforeItsTimeAndForARequestWithoutOne() {
        // given
        ApprovalRequest expiring = submitted(aRequest().level(1, BOB).expiresAfter(Duration.ofHours(24)));
        ApprovalRequest endless = submitted(aRequest().level(1, BOB));

        // when / then: a scheduler firing early (or twice) cannot cut a request short
        assertThatThrownBy(() -> expiring.expire(VOTED_AT))
                .isExactlyInstanceOf(RequestStateConflict.class)
                .hasMessageStartingWith("the request does not expire until ");
        assertThatThrownBy(() -> endless.expire(VOTED_AT.plusSeconds(86_400 * 400L)))
                .isExactlyInstanceOf(RequestStateConflict.class)
                .hasMessage("the request has no expiry");
        assertThat(expiring.status()).isEqualTo(Status.PENDING);
        assertThat(endless.status()).isEqualTo(Status.PENDING);
    }

    @Test
    void expiryIsTheSystemActingThroughTheScheduler() {
        // given
        ApprovalRequest request = submitted(aRequest().level(1, BOB).expiresAfter(Duration.ofHours(24)));
        Instant later = VOTED_AT.plusSeconds(86_400);

        // when
        var events = request.expire(later);

        // then
        assertThat(audit(events))
                .containsExactly(new Line(
                        "request-expired",
                        "countersign",
                        null,
                        Via.SCHEDULER,
                        "no decision before the request expired"));
        assertThat(events).singleElement().matches(e -> e.at().equals(later) && e.ends());
        assertThat(request.decidedAt()).isEqualTo(later);
    }

    @Test
    void executionNamesTheExecutor() {
        // given
        ApprovalRequest request = submitted(aRequest().urgent().level(1, BOB).executors(ERIN));

        // when
        var events = request.recordExecution(ERIN, Via.API, VOTED_AT);

        // then
        assertThat(audit(events))
                .containsExactly(new Line(
                        "execution-recorded", "erin@example.com", null, Via.API, "executed by erin@example.com"));
        assertThat(events).noneMatch(ApprovalEvent::ends);
    }

    @Test
    void auditEntryKeepsEverythingTheEventSays() {
        // given
        RequestId id = RequestId.random();
        var event = new ApprovalEvent.ApprovalGranted(id, VOTED_AT, "frank@example.com", CAROL, Via.SLACK, 2, "ok");

        // when
        AuditEntry entry = AuditEntry.of(event, Credential.slackUser("U1"));

        // then
        assertThat(entry)
                .isEqualTo(new AuditEntry(
                        id,
                        VOTED_AT,
                        "approval-granted",
                        "frank@example.com",
                        CAROL,
                        Via.SLACK,
                        "approved level 2: ok",
                        Credential.slackUser("U1")));
    }

    /** The part of an event the audit trail shows. */
    private record Line(String action, String actor, Email onBehalfOf, Via via, String detail) {}

    private static List<Line> audit(List<ApprovalEvent> events) {
        return events.stream()
                .map(e -> new Line(e.action(), e.actor(), e.onBehalfOf(), e.via(), e.detail()))
                .toList();
    }
}
