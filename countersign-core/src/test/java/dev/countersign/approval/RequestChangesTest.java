package dev.countersign.approval;

import static dev.countersign.approval.People.ALICE;
import static dev.countersign.approval.People.BOB;
import static dev.countersign.approval.People.CAROL;
import static dev.countersign.approval.People.DAVE;
import static dev.countersign.approval.People.ERIN;
import static dev.countersign.approval.People.FRANK;
import static dev.countersign.approval.People.MALLORY;
import static dev.countersign.approval.SpecBuilder.aRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.countersign.approval.RecordingAnnouncements.Publication;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/**
 * The use cases that change a stored request (decide, cancel, expire, record execution) and the one path they share:
 * load, transition, store with a version check and audit in one transaction, publish after it, retry on a
 * concurrent change.
 */
class RequestChangesTest {

    private final InMemoryApprovalCore core = new InMemoryApprovalCore();

    @Test
    void decisionIsStoredAuditedAndAnnouncedInItsTransaction() {
        // given
        RequestId id =
                core.submitted(aRequest().level(1, BOB).level(1, CAROL).build()).id();
        core.clock.advance(Duration.ofMinutes(5));

        // when
        ApprovalRequest changed =
                core.decide.decide(id, BOB, null, Verdict.APPROVE, "ship it", Via.SLACK, Credential.admin());

        // then
        ApprovalRequest stored = core.stored(id);
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.currentLevel()).isEqualTo(2);
        assertThat(stored.decisions())
                .singleElement()
                .isEqualTo(new Decision(
                        1,
                        BOB,
                        null,
                        Verdict.APPROVE,
                        "ship it",
                        core.clock.instant().truncatedTo(ChronoUnit.MICROS),
                        Via.SLACK));
        assertThat(changed.currentLevel()).isEqualTo(2);
        assertThat(core.audit.of(id))
                .extracting(AuditEntry::action, AuditEntry::actor, AuditEntry::via)
                .containsExactly(
                        tuple("request-submitted", "alice@example.com", Via.API),
                        tuple("approval-granted", "bob@example.com", Via.SLACK),
                        tuple("level-approved", "bob@example.com", Via.SLACK));
        assertThat(core.announcements.publications()).last().satisfies(p -> {
            assertThat(p.actions()).containsExactly("approval-granted", "level-approved");
            assertThat(p.insideTransaction()).isTrue();
        });
    }

    @Test
    void proxyDecisionUsesTheConfiguredMandates() {
        // given
        var core = new InMemoryApprovalCore((proxy, principal, at) -> proxy.equals(FRANK) && principal.equals(BOB));
        RequestId id = core.submitted(aRequest().level(1, BOB).build()).id();

        // when
        core.decide.decide(id, FRANK, BOB, Verdict.APPROVE, null, Via.WEB, Credential.admin());

        // then
        assertThat(core.stored(id).status()).isEqualTo(Status.APPROVED);
        assertThat(core.audit.of(id))
                .filteredOn(e -> e.action().equals("approval-granted"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("frank@example.com");
                    assertThat(e.onBehalfOf()).isEqualTo(BOB);
                });
    }

    @Test
    void refusedChangeLeavesNoTraceAndPublishesNothing() {
        // given
        RequestId id = core.submitted(aRequest().level(1, BOB).build()).id();
        int published = core.announcements.publications().size();

        // when / then
        assertThatThrownBy(() -> core.approve(id, MALLORY)).isExactlyInstanceOf(DecisionNotAllowed.class);
        assertThat(core.stored(id).version()).isZero();
        assertThat(core.stored(id).decisions()).isEmpty();
        assertThat(core.audit.actionsOf(id)).containsExactly("request-submitted");
        assertThat(core.announcements.publications()).hasSize(published);
    }

    @Test
    void unknownRequestIsNotFound() {
        // given
        RequestId unknown = RequestId.random();

        // when / then
        assertThatThrownBy(() -> core.approve(unknown, BOB))
                .isExactlyInstanceOf(RequestNotFound.class)
                .hasMessage("no approval request with id '" + unknown.value() + "'");
    }

    @Test
    void retriedDecisionIsJudgedAgainstTheNewState() {
        // given: Bob and Carol both answer a 1-of-2 level; Bob's decision lands while Carol's is in flight
        RequestId id = core.submitted(aRequest().level(1, BOB, CAROL).build()).id();
        core.requests.beforeNextUpdate(() -> core.approve(id, BOB));

        // when / then: Carol's retry finds the request approved
        assertThatThrownBy(() -> core.approve(id, CAROL))
                .isExactlyInstanceOf(RequestStateConflict.class)
                .hasMessageContaining("the request is approved");
        assertThat(core.requests.refusedUpdates()).isEqualTo(1);
        ApprovalRequest stored = core.stored(id);
        assertThat(stored.status()).isEqualTo(Status.APPROVED);
        assertThat(stored.decisions()).extracting(Decision::approver).containsExactly(BOB);
        assertThat(core.audit.actionsOf(id))
                .containsExactly(
                        "request-submitted",
                        "approval-granted",
                        "level-approved",
                        "request-approved",
                        "request-executable");
        assertThat(core.announcements.publications())
                .extracting(Publication::actions)
                .containsExactly(
                        List.of("request-submitted"),
                        List.of("approval-granted", "level-approved", "request-approved", "request-executable"));
    }

    @Test
    void sameClickTwiceAtOnceCountsOnce() {
        // given
        RequestId id =
                core.submitted(aRequest().level(2, BOB, CAROL, DAVE).build()).id();
        core.requests.beforeNextUpdate(() -> core.approve(id, BOB));

        // when / then
        assertThatThrownBy(() -> core.approve(id, BOB))
                .isExactlyInstanceOf(RequestStateConflict.class)
                .hasMessageContaining("bob@example.com has already decided on level 1");
        assertThat(core.stored(id).decisions()).hasSize(1);
        assertThat(core.audit.actionsOf(id)).containsExactly("request-submitted", "approval-granted");
    }

    @Test
    void retriedDecisionThatIsStillAllowedIsApplied() {
        // given: 2 of 3, Bob's approval lands while Carol's is in flight
        RequestId id =
                core.submitted(aRequest().level(2, BOB, CAROL, DAVE).build()).id();
        core.requests.beforeNextUpdate(() -> core.approve(id, BOB));

        // when
        ApprovalRequest changed = core.approve(id, CAROL);

        // then
        assertThat(changed.status()).isEqualTo(Status.APPROVED);
        assertThat(core.requests.refusedUpdates()).isEqualTo(1);
        ApprovalRequest stored = core.stored(id);
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.decisions()).extracting(Decision::approver).containsExactly(BOB, CAROL);
        assertThat(core.audit.actionsOf(id))
                .containsExactly(
                        "request-submitted",
                        "approval-granted",
                        "approval-granted",
                        "level-approved",
                        "request-approved",
                        "request-executable");
        // the lost attempt announced nothing: it failed before its follow-ups were written
        assertThat(core.announcements.publications())
                .extracting(Publication::actions)
                .containsExactly(
                        List.of("request-submitted"),
                        List.of("approval-granted"),
                        List.of("approval-granted", "level-approved", "request-approved", "request-executable"));
        assertThat(core.announcements.publications()).allMatch(Publication::insideTransaction);
    }

    @Test
    void cancellationThatLostTheRaceToAnApprovalIsAConflict() {
        // given
        RequestId id = core.submitted(aRequest().level(1, BOB).build()).id();
        core.requests.beforeNextUpdate(() -> core.approve(id, BOB));

        // when / then
        assertThatThrownBy(() -> core.cancel.cancel(id, Actor.person(ALICE), null, Via.API, Credential.admin()))
                .isExactlyInstanceOf(RequestStateConflict.class);
        assertThat(core.stored(id).status()).isEqualTo(Status.APPROVED);
    }

    @Test
    void requestThatKeepsChangingEndsInAConflictRatherThanALoop() {
        // given
        RequestId id =
                core.submitted(aRequest().level(2, BOB, CAROL, DAVE).build()).id();
        for (int i = 0; i < 100; i++) {
            core.requests.beforeNextUpdate(() -> core.requests.touch(id));
        }

        // when / then
        assertThatThrownBy(() -> core.approve(id, BOB))
                .isExactlyInstanceOf(RequestStateConflict.class)
                .hasMessageContaining("kept changing");
        assertThat(core.requests.refusedUpdates()).isBetween(2, 99);
        assertThat(core.stored(id).decisions()).isEmpty();
        assertThat(core.audit.actionsOf(id)).containsExactly("request-submitted");
    }

    @Test
    void twoApproversOfAOneOfTwoLevelOnRealThreadsEndInOneApproval() throws Exception {
        for (int round = 0; round < 20; round++) {
            // given
            var core = new InMemoryApprovalCore();
            RequestId id =
                    core.submitted(aRequest().level(1, BOB, CAROL).build()).id();
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<Object>> decisions = List.of(
                    () -> {
                        start.await();
                        return core.approve(id, BOB);
                    },
                    () -> {
                        start.await();
                        return core.approve(id, CAROL);
                    });

            // when
            List<Object> outcomes = new ArrayList<>();
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                List<Future<Object>> futures =
                        decisions.stream().map(threads::submit).toList();
                start.countDown();
                for (Future<Object> future : futures) {
                    try {
                        outcomes.add(future.get(5, TimeUnit.SECONDS));
                    } catch (java.util.concurrent.ExecutionException e) {
                        outcomes.add(e.getCause());
                    }
                }
            } finally {
                threads.shutdownNow();
            }

            // then
            assertThat(outcomes).filteredOn(ApprovalRequest.class::isInstance).hasSize(1);
            assertThat(outcomes)
                    .filteredOn(o -> !(o instanceof ApprovalRequest))
                    .singleElement()
                    .isInstanceOfAny(RequestStateConflict.class, DecisionNotAllowed.class);
            ApprovalRequest stored = core.stored(id);
            assertThat(stored.status()).isEqualTo(Status.APPROVED);
            assertThat(stored.decisions()).hasSize(1);
            assertThat(core.audit.actionsOf(id))
                    .filteredOn("request-approved"::equals)
                    .hasSize(1);
        }
    }

    @Test
    void cancellationByTheRequesterIsStoredAndEndsTheRequest() {
        // given
        RequestId id = core.submitted(
                        aRequest().urgent().level(1, BOB).executors(ERIN).build())
                .id();

        // when
        core.cancel.cancel(id, Actor.person(ALICE), "wrong build", Via.API, Credential.admin());

        // then
        ApprovalRequest stored = core.stored(id);
        assertThat(stored.status()).isEqualTo(Status.CANCELLED);
        assertThat(stored.executable()).isFalse();
        assertThat(core.audit.of(id))
                .last()
                .extracting(AuditEntry::action, AuditEntry::detail)
                .containsExactly("request-cancelled", "cancelled: wrong build");
        assertThat(core.announcements.publications())
                .last()
                .extracting(Publication::status)
                .isEqualTo(Status.CANCELLED);
    }

    @Test
    void expiryIsStoredAtTheClocksTime() {
        // given
        RequestId id = core.submitted(aRequest()
                        .level(1, BOB)
                        .expiresAfter(Duration.ofHours(1))
                        .build())
                .id();
        core.clock.advance(Duration.ofHours(2));
        Instant now = core.clock.instant().truncatedTo(ChronoUnit.MICROS);

        // when
        core.expire.expire(id);

        // then
        ApprovalRequest stored = core.stored(id);
        assertThat(stored.status()).isEqualTo(Status.EXPIRED);
        assertThat(stored.decidedAt()).isEqualTo(now);
        assertThat(stored.expiresAt())
                .isEqualTo(InMemoryApprovalCore.START
                        .truncatedTo(ChronoUnit.MICROS)
                        .plus(Duration.ofHours(1)));
        assertThat(core.audit.of(id))
                .last()
                .extracting(AuditEntry::action, AuditEntry::actor, AuditEntry::via)
                .containsExactly("request-expired", "countersign", Via.SCHEDULER);
    }

    @Test
    void expiringABatchEndsOnlyTheRequestsThatAreDueAndTellsOfThemTogether() {
        // given
        RequestId dueFirst = core.submitted(aRequest()
                        .level(1, BOB)
                        .expiresAfter(Duration.ofHours(1))
                        .build())
                .id();
        RequestId notYet = core.submitted(aRequest()
                        .level(1, BOB)
                        .expiresAfter(Duration.ofHours(5))
                        .build())
                .id();
        RequestId approved = core.submitted(aRequest()
                        .level(1, BOB)
                        .expiresAfter(Duration.ofHours(1))
                        .build())
                .id();
        RequestId dueToo = core.submitted(aRequest()
                        .level(1, CAROL)
                        .expiresAfter(Duration.ofHours(1))
                        .build())
                .id();
        core.approve(approved, BOB);
        core.clock.advance(Duration.ofHours(2));
        int callsBefore = core.followUps.calls().size();
        int publishedBefore = core.announcements.publications().size();

        // when
        List<ApprovalRequest> expired =
                core.expire.expireAll(List.of(dueFirst, notYet, approved, RequestId.random(), dueToo));

        // then
        assertThat(expired).extracting(ApprovalRequest::id).containsExactlyInAnyOrder(dueFirst, dueToo);
        assertThat(core.stored(dueFirst).status()).isEqualTo(Status.EXPIRED);
        assertThat(core.stored(dueToo).status()).isEqualTo(Status.EXPIRED);
        assertThat(core.stored(notYet).status()).isEqualTo(Status.PENDING);
        assertThat(core.stored(approved).status()).isEqualTo(Status.APPROVED);
        assertThat(core.audit.actionsOf(notYet)).doesNotContain("request-expired");
        assertThat(core.audit.actionsOf(approved)).doesNotContain("request-expired");
        assertThat(core.audit.actionsOf(dueToo)).containsExactly("request-submitted", "request-expired");
        // One batch of follow-ups for both, written in the change, the announcements among them.
        assertThat(core.followUps.calls())
                .hasSize(callsBefore + 1)
                .last()
                .asInstanceOf(InstanceOfAssertFactories.list(RequestChanged.class))
                .extracting(change -> change.request().id())
                .containsExactlyInAnyOrder(dueFirst, dueToo);
        assertThat(core.announcements
                        .publications()
                        .subList(
                                publishedBefore,
                                core.announcements.publications().size()))
                .extracting(Publication::id, Publication::status, Publication::insideTransaction)
                .containsExactlyInAnyOrder(tuple(dueFirst, Status.EXPIRED, true), tuple(dueToo, Status.EXPIRED, true));
    }

    @Test
    void aBatchThatMeetsAConcurrentChangeIsExpiredOneByOneEachExactlyOnce() {
        // given
        RequestId touched = core.submitted(aRequest()
                        .level(1, BOB)
                        .expiresAfter(Duration.ofHours(1))
                        .build())
                .id();
        RequestId other = core.submitted(aRequest()
                        .level(1, BOB)
                        .expiresAfter(Duration.ofHours(1))
                        .build())
                .id();
        core.clock.advance(Duration.ofHours(2));
        core.requests.beforeNextUpdate(() -> core.requests.touch(touched));

        // when
        List<ApprovalRequest> expired = core.expire.expireAll(List.of(touched, other));

        // then
        assertThat(core.requests.refusedUpdates()).isEqualTo(1);
        assertThat(expired).extracting(ApprovalRequest::id).containsExactlyInAnyOrder(touched, other);
        for (RequestId id : List.of(touched, other)) {
            assertThat(core.stored(id).status()).isEqualTo(Status.EXPIRED);
            assertThat(core.audit.actionsOf(id))
                    .filteredOn("request-expired"::equals)
                    .hasSize(1);
            assertThat(core.announcements.publications())
                    .filteredOn(p -> p.id().equals(id))
                    .extracting(Publication::status)
                    .containsOnlyOnce(Status.EXPIRED);
        }
    }

    @Test
    void executionIsRecordedOnceThroughTheUseCase() {
        // given
        RequestId id =
                core.submitted(aRequest().level(1, BOB).executors(ERIN).build()).id();
        core.approve(id, BOB);

        // when
        core.execution.record(id, ERIN, Via.API, Credential.admin());

        // then
        assertThat(core.stored(id).execution().executor()).isEqualTo(ERIN);
        assertThat(core.audit.actionsOf(id)).endsWith("request-executable", "execution-recorded");
        assertThatThrownBy(() -> core.execution.record(id, ERIN, Via.API, Credential.admin()))
                .isExactlyInstanceOf(RequestStateConflict.class);
        assertThat(core.audit.actionsOf(id))
                .filteredOn("execution-recorded"::equals)
                .hasSize(1);
    }
}
