package dev.countersign.approval.persistence;

import static dev.countersign.approval.persistence.TestRequests.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.countersign.approval.Actor;
import dev.countersign.approval.ApprovalEvent;
import dev.countersign.approval.ApprovalEvent.ApprovalGranted;
import dev.countersign.approval.ApprovalEvent.LevelApproved;
import dev.countersign.approval.ApprovalEvent.RequestApproved;
import dev.countersign.approval.ApprovalEvent.RequestSubmitted;
import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.ApprovalRequests.ConcurrentRequestChange;
import dev.countersign.approval.ApprovalRequests.DuplicateIdempotencyKey;
import dev.countersign.approval.ApprovalRequests.IdempotentSubmission;
import dev.countersign.approval.AuditEntry;
import dev.countersign.approval.AuditTrail;
import dev.countersign.approval.Cancellation;
import dev.countersign.approval.Credential;
import dev.countersign.approval.Decision;
import dev.countersign.approval.Email;
import dev.countersign.approval.Execution;
import dev.countersign.approval.IdempotencyKey;
import dev.countersign.approval.Mandates;
import dev.countersign.approval.Mode;
import dev.countersign.approval.RequestId;
import dev.countersign.approval.RequestPage;
import dev.countersign.approval.RequestQuery;
import dev.countersign.approval.RequestSpec;
import dev.countersign.approval.Required;
import dev.countersign.approval.Status;
import dev.countersign.approval.Transitions;
import dev.countersign.approval.Verdict;
import dev.countersign.approval.Via;
import dev.countersign.approval.Vote;
import dev.countersign.approval.persistence.TestRequests.People;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What every store behind {@link ApprovalRequests} and {@link AuditTrail} must do, run against the real schema
 * (Flyway migrations) on each database we support. Subclasses only choose the database.
 *
 * <p>The database is shared with other test classes, so each test works on requests of its own {@link People}.
 * Instants carry microseconds, the precision the application stores (see {@code RequestChanges.now()}).
 */
abstract class ApprovalRequestsContract {

    private static final Instant T0 = Instant.parse("2031-05-06T07:08:09.123456Z");

    @Autowired
    ApprovalRequests requests;

    @Autowired
    AuditTrail audit;

    @Autowired
    JdbcClient jdbc;

    private final People people = new People();

    @Test
    void storedRequestReadsBackEqualInEveryField() {
        // given
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("zone", "eu-west-1");
        fields.put("app", "api");
        fields.put("version", "2.3.0");
        fields.put("änderung", "Grüße, \"quoted\" & <escaped>");
        var spec = new RequestSpec(
                "deploy-prod",
                "Deploy api v2.3 to prod",
                "Rolls out v2.3\nsecond line",
                fields,
                people.email("alice"),
                List.of(
                        people.level(Required.atLeast(2), "bob", "carol", "zoe"),
                        people.level(Required.all(), "dave", "erin")),
                Mode.STANDARD,
                List.of(people.email("ops"), people.email("sre")),
                "#deploys",
                Duration.ofHours(36),
                "https://ci.example.com/hooks/42?x=1");
        ApprovalRequest submitted = submitted(spec, T0);

        // when
        requests.add(submitted, null);
        ApprovalRequest loaded = requests.find(submitted.id()).orElseThrow();

        // then
        assertSameRequest(loaded, submitted);
        assertThat(loaded.version()).isZero();
        assertThat(loaded.spec().fields().keySet()).containsExactly("zone", "app", "version", "änderung");
        assertThat(loaded.spec().levels())
                .extracting(level -> level.required().toString())
                .containsExactly("2", "all");
        assertThat(loaded.spec().levels().getFirst().approvers())
                .containsExactly(people.email("bob"), people.email("carol"), people.email("zoe"));
        assertThat(loaded.spec().executors()).containsExactly(people.email("ops"), people.email("sre"));
        assertThat(loaded.createdAt()).isEqualTo(T0);
        assertThat(loaded.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(36)));
    }

    @Test
    void urgentRequestWithNothingOptionalReadsBackEqual() {
        // given
        var spec = new RequestSpec(
                "restart",
                "Restart the queue",
                null,
                Map.of(),
                people.email("alice"),
                List.of(people.level(Required.atLeast(1), "bob")),
                Mode.URGENT,
                List.of(),
                null,
                null,
                null);
        ApprovalRequest submitted = submitted(spec, T0);

        // when
        requests.add(submitted, null);

        // then
        ApprovalRequest loaded = requests.find(submitted.id()).orElseThrow();
        assertSameRequest(loaded, submitted);
        assertThat(loaded.executable()).isTrue();
        assertThat(loaded.expiresAt()).isNull();
        assertThat(loaded.spec().description()).isNull();
    }

    @Test
    void everyUpdateReadsBackEqualWithProxiesReasonsExecutionAndMicrosecondTimestamps() {
        // given
        Email deputy = people.email("deputy");
        Email carol = people.email("carol");
        Mandates deputyActsForCarol = (proxy, principal, at) -> proxy.equals(deputy) && principal.equals(carol);
        var spec = new RequestSpec(
                "deploy",
                "Deploy",
                null,
                Map.of("env", "prod"),
                people.email("alice"),
                List.of(
                        people.level(Required.atLeast(1), "bob", "carol"),
                        people.level(Required.all(), "dave", "erin")),
                Mode.STANDARD,
                List.of(people.email("ops")),
                null,
                null,
                null);
        ApprovalRequest submitted = submitted(spec, T0);
        requests.add(submitted, null);
        RequestId id = submitted.id();

        // when
        ApprovalRequest afterProxy = decideAndStore(
                id,
                new Vote(
                        deputy, carol, Verdict.APPROVE, "fine by me", Via.SLACK, T0.plus(1_000_001, ChronoUnit.MICROS)),
                deputyActsForCarol);
        ApprovalRequest afterDave = decideAndStore(
                id,
                new Vote(
                        people.email("dave"),
                        null,
                        Verdict.APPROVE,
                        "checked the canary",
                        Via.API,
                        T0.plus(2_000_002, ChronoUnit.MICROS)),
                Mandates.NONE);
        ApprovalRequest afterErin = decideAndStore(
                id,
                new Vote(
                        people.email("erin"),
                        null,
                        Verdict.APPROVE,
                        null,
                        Via.WEB,
                        T0.plus(3_000_003, ChronoUnit.MICROS)),
                Mandates.NONE);
        ApprovalRequest executed = requests.find(id).orElseThrow();
        Transitions.recordExecution(executed, people.email("ops"), Via.LINK, T0.plus(4_000_004, ChronoUnit.MICROS));
        requests.update(executed);

        // then
        ApprovalRequest loaded = requests.find(id).orElseThrow();
        assertSameRequest(loaded, executed);
        assertThat(List.of(afterProxy.version(), afterDave.version(), afterErin.version(), loaded.version()))
                .containsExactly(1L, 2L, 3L, 4L);
        assertThat(loaded.decisions())
                .containsExactly(
                        new Decision(
                                1,
                                deputy,
                                carol,
                                Verdict.APPROVE,
                                "fine by me",
                                T0.plus(1_000_001, ChronoUnit.MICROS),
                                Via.SLACK),
                        new Decision(
                                2,
                                people.email("dave"),
                                null,
                                Verdict.APPROVE,
                                "checked the canary",
                                T0.plus(2_000_002, ChronoUnit.MICROS),
                                Via.API),
                        new Decision(
                                2,
                                people.email("erin"),
                                null,
                                Verdict.APPROVE,
                                null,
                                T0.plus(3_000_003, ChronoUnit.MICROS),
                                Via.WEB));
        assertThat(loaded.status()).isEqualTo(Status.APPROVED);
        assertThat(loaded.executable()).isTrue();
        assertThat(loaded.decidedAt()).isEqualTo(T0.plus(3_000_003, ChronoUnit.MICROS));
        assertThat(loaded.execution())
                .isEqualTo(new Execution(people.email("ops"), T0.plus(4_000_004, ChronoUnit.MICROS), Via.LINK));
    }

    @Test
    void rejectionReadsBackWithItsReason() {
        // given
        ApprovalRequest submitted = submitted(
                people.spec("alice", people.level(Required.atLeast(1), "bob"), people.level(Required.all(), "carol")),
                T0);
        requests.add(submitted, null);

        // when
        ApprovalRequest rejected = decideAndStore(
                submitted.id(),
                new Vote(people.email("bob"), null, Verdict.REJECT, "not on a Friday", Via.API, T0.plusSeconds(60)),
                Mandates.NONE);

        // then
        assertThat(rejected.status()).isEqualTo(Status.REJECTED);
        assertThat(rejected.decidedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(rejected.decisions())
                .singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo("not on a Friday"))
                .satisfies(d -> assertThat(d.verdict()).isEqualTo(Verdict.REJECT));
    }

    @Test
    void updateOfAStaleCopyThrowsConcurrentRequestChangeAndChangesNothing() {
        // given two copies loaded at the same time; the first one's approval was stored
        ApprovalRequest submitted =
                submitted(people.spec("alice", people.level(Required.atLeast(1), "bob", "carol")), T0);
        requests.add(submitted, null);
        ApprovalRequest first = requests.find(submitted.id()).orElseThrow();
        ApprovalRequest stale = requests.find(submitted.id()).orElseThrow();
        Transitions.decide(first, vote("bob", Verdict.APPROVE, T0.plusSeconds(1)), Mandates.NONE);
        requests.update(first);
        ApprovalRequest stored = requests.find(submitted.id()).orElseThrow();
        Transitions.decide(stale, vote("carol", Verdict.REJECT, T0.plusSeconds(2)), Mandates.NONE);

        // when
        Throwable thrown = catchThrowable(() -> requests.update(stale));

        // then
        assertThat(thrown).isInstanceOf(ConcurrentRequestChange.class);
        assertThat(stale.status())
                .as("the stale copy thought it rejected the request")
                .isEqualTo(Status.REJECTED);
        ApprovalRequest after = requests.find(submitted.id()).orElseThrow();
        assertSameRequest(after, stored);
        assertThat(after.version()).isEqualTo(stored.version());
        assertThat(after.status()).isEqualTo(Status.APPROVED);
        assertThat(jdbc.sql("select count(*) from decision where request_id = :id")
                        .param("id", submitted.id().value())
                        .query(Integer.class)
                        .single())
                .isOne();
    }

    @Test
    void findsARequestByItsIdempotencyKeyWithItsFingerprint() {
        // given
        RequestSpec spec = people.spec("alice", people.level(Required.atLeast(1), "bob"));
        ApprovalRequest submitted = submitted(spec, T0);
        IdempotencyKey key = IdempotencyKey.of("job-" + UUID.randomUUID(), spec);

        // when
        requests.add(submitted, key);

        // then
        assertThat(requests.findByIdempotencyKey(key.key()))
                .contains(new IdempotentSubmission(submitted.id(), key.fingerprint()));
        assertThat(requests.findByIdempotencyKey("never-used-" + UUID.randomUUID()))
                .isEmpty();
    }

    @Test
    void secondAddWithTheSameIdempotencyKeyThrowsAndStoresNothing() {
        // given
        RequestSpec spec = people.spec("alice", people.level(Required.atLeast(1), "bob"));
        IdempotencyKey key = IdempotencyKey.of("job-" + UUID.randomUUID(), spec);
        ApprovalRequest first = submitted(spec, T0);
        requests.add(first, key);
        RequestSpec other = people.spec("alice", people.level(Required.atLeast(1), "carol"));
        ApprovalRequest second = submitted(other, T0.plusSeconds(1));

        // when
        Throwable thrown = catchThrowable(() -> requests.add(second, IdempotencyKey.of(key.key(), other)));

        // then
        assertThat(thrown).isInstanceOf(DuplicateIdempotencyKey.class);
        assertThat(requests.find(second.id())).isEmpty();
        assertThat(requests.findByIdempotencyKey(key.key()))
                .contains(new IdempotentSubmission(first.id(), key.fingerprint()));
    }

    @Test
    void requestsWithoutIdempotencyKeyNeverCollide() {
        // given
        RequestSpec spec = people.spec("alice", people.level(Required.atLeast(1), "bob"));
        ApprovalRequest first = submitted(spec, T0);
        ApprovalRequest second = submitted(spec, T0);

        // when
        requests.add(first, null);
        requests.add(second, null);

        // then
        assertThat(requests.find(first.id())).isPresent();
        assertThat(requests.find(second.id())).isPresent();
    }

    @Test
    void searchListsNewestFirst() {
        // given
        RequestSpec spec = people.spec("alice", people.level(Required.atLeast(1), "bob"));
        ApprovalRequest middle = submitted(spec, T0.plusSeconds(1));
        ApprovalRequest oldest = submitted(spec, T0);
        ApprovalRequest newest = submitted(spec, T0.plus(1_000_001, ChronoUnit.MICROS));
        List.of(middle, oldest, newest).forEach(r -> requests.add(r, null));

        // when
        RequestPage page = requests.search(new RequestQuery(null, null, people.email("alice"), 50, null));

        // then
        assertThat(page.items()).extracting(ApprovalRequest::id).containsExactly(newest.id(), middle.id(), oldest.id());
        assertThat(page.next()).isNull();
        assertSameRequest(page.items().getFirst(), newest);
    }

    @Test
    void searchFiltersByStatus() {
        // given
        RequestSpec spec = people.spec("alice", people.level(Required.atLeast(1), "bob"));
        ApprovalRequest pending = submitted(spec, T0);
        ApprovalRequest approved = submitted(spec, T0.plusSeconds(1));
        ApprovalRequest rejected = submitted(spec, T0.plusSeconds(2));
        List.of(pending, approved, rejected).forEach(r -> requests.add(r, null));
        decideAndStore(approved.id(), vote("bob", Verdict.APPROVE, T0.plusSeconds(10)), Mandates.NONE);
        decideAndStore(rejected.id(), vote("bob", Verdict.REJECT, T0.plusSeconds(11)), Mandates.NONE);

        // when
        Map<Status, List<RequestId>> byStatus = new LinkedHashMap<>();
        for (Status status : List.of(Status.PENDING, Status.APPROVED, Status.REJECTED, Status.CANCELLED)) {
            byStatus.put(status, ids(requests.search(new RequestQuery(status, null, people.email("alice"), 50, null))));
        }

        // then
        assertThat(byStatus)
                .containsExactly(
                        Map.entry(Status.PENDING, List.of(pending.id())),
                        Map.entry(Status.APPROVED, List.of(approved.id())),
                        Map.entry(Status.REJECTED, List.of(rejected.id())),
                        Map.entry(Status.CANCELLED, List.of()));
    }

    @Test
    void searchFiltersByRequester() {
        // given
        ApprovalRequest byAlice = submitted(people.spec("alice", people.level(Required.atLeast(1), "bob")), T0);
        ApprovalRequest byBob = submitted(people.spec("bob", people.level(Required.atLeast(1), "alice")), T0);
        List.of(byAlice, byBob).forEach(r -> requests.add(r, null));

        // when
        List<RequestId> found = ids(requests.search(new RequestQuery(null, null, people.email("bob"), 50, null)));

        // then
        assertThat(found).containsExactly(byBob.id());
    }

    @Test
    void searchFiltersByApproverListedOnAnyLevel() {
        // given zoe is asked on level 2 of the first request and level 1 of the second, not on the third
        ApprovalRequest zoeOnLevelTwo = submitted(
                people.spec("alice", people.level(Required.atLeast(1), "bob"), people.level(Required.all(), "zoe")),
                T0);
        ApprovalRequest zoeOnLevelOne =
                submitted(people.spec("alice", people.level(Required.atLeast(1), "carol", "zoe")), T0.plusSeconds(1));
        ApprovalRequest withoutZoe = submitted(
                people.spec("alice", people.level(Required.atLeast(1), "bob"), people.level(Required.all(), "carol")),
                T0.plusSeconds(2));
        List.of(zoeOnLevelTwo, zoeOnLevelOne, withoutZoe).forEach(r -> requests.add(r, null));

        // when
        List<RequestId> zoes = ids(requests.search(new RequestQuery(null, people.email("zoe"), null, 50, null)));
        List<RequestId> carols = ids(requests.search(new RequestQuery(null, people.email("carol"), null, 50, null)));
        List<RequestId> pendingZoes = ids(requests.search(
                new RequestQuery(Status.PENDING, people.email("zoe"), people.email("alice"), 50, null)));

        // then
        assertThat(zoes).containsExactly(zoeOnLevelOne.id(), zoeOnLevelTwo.id());
        assertThat(carols).containsExactly(withoutZoe.id(), zoeOnLevelOne.id());
        assertThat(pendingZoes).containsExactly(zoeOnLevelOne.id(), zoeOnLevelTwo.id());
    }

    @Test
    void awaitingDecisionByListsPendingRequestsWhoseCurrentLevelStillWaitsForThePerson() {
        // given: zoe is asked now on three requests; the others wait for her later, had her vote, are hers or ended
        ApprovalRequest asksZoe = submitted(people.spec("alice", people.level(Required.all(), "zoe")), T0);
        ApprovalRequest zoeOnLaterLevel = submitted(
                people.spec("alice", people.level(Required.all(), "bob"), people.level(Required.all(), "zoe")),
                T0.plusSeconds(1));
        ApprovalRequest zoeVoted = submitted(
                people.spec("alice", people.level(Required.atLeast(2), "zoe", "carol", "dave")), T0.plusSeconds(2));
        ApprovalRequest zoesOwn =
                submitted(people.spec("zoe", people.level(Required.atLeast(1), "zoe", "bob")), T0.plusSeconds(3));
        ApprovalRequest rejected =
                submitted(people.spec("alice", people.level(Required.atLeast(1), "carol", "zoe")), T0.plusSeconds(4));
        ApprovalRequest reachedZoe = submitted(
                people.spec("alice", people.level(Required.all(), "bob"), people.level(Required.all(), "zoe")),
                T0.plusSeconds(5));
        ApprovalRequest newest =
                submitted(people.spec("bob", people.level(Required.atLeast(1), "zoe", "carol")), T0.plusSeconds(6));
        List.of(asksZoe, zoeOnLaterLevel, zoeVoted, zoesOwn, rejected, reachedZoe, newest)
                .forEach(r -> requests.add(r, null));
        decideAndStore(zoeVoted.id(), vote("zoe", Verdict.APPROVE, T0.plusSeconds(10)), Mandates.NONE);
        decideAndStore(rejected.id(), vote("carol", Verdict.REJECT, T0.plusSeconds(11)), Mandates.NONE);
        decideAndStore(reachedZoe.id(), vote("bob", Verdict.APPROVE, T0.plusSeconds(12)), Mandates.NONE);

        // when
        List<RequestId> all = requests.awaitingDecisionBy(people.email("zoe"), 50).stream()
                .map(ApprovalRequest::id)
                .toList();
        List<RequestId> firstTwo = requests.awaitingDecisionBy(people.email("zoe"), 2).stream()
                .map(ApprovalRequest::id)
                .toList();

        // then: newest first, whole aggregates
        assertThat(all).containsExactly(newest.id(), reachedZoe.id(), asksZoe.id());
        assertThat(firstTwo).containsExactly(newest.id(), reachedZoe.id());
        assertSameRequest(
                requests.awaitingDecisionBy(people.email("zoe"), 50).getLast(),
                requests.find(asksZoe.id()).orElseThrow());
    }

    @Test
    void pagingWithLimitAndCursorVisitsEveryRequestExactlyOnceEvenWhenCreatedAtTies() {
        // given 23 requests created at only five distinct instants
        RequestSpec spec = people.spec("alice", people.level(Required.atLeast(1), "bob"));
        List<ApprovalRequest> all = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            ApprovalRequest request = submitted(spec, T0.plus(i % 5, ChronoUnit.MICROS));
            requests.add(request, null);
            all.add(request);
        }

        // when
        List<ApprovalRequest> visited = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        RequestPage.Position cursor = null;
        do {
            RequestPage page = requests.search(new RequestQuery(null, null, people.email("alice"), 4, cursor));
            visited.addAll(page.items());
            pageSizes.add(page.items().size());
            cursor = page.next();
        } while (cursor != null && pageSizes.size() < 50);

        // then
        assertThat(visited)
                .extracting(ApprovalRequest::id)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(
                        all.stream().map(ApprovalRequest::id).toList());
        assertThat(visited).extracting(ApprovalRequest::createdAt).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(pageSizes).containsExactly(4, 4, 4, 4, 4, 3);
    }

    @Test
    void endedSinceListsRequestsThatReachedTheirEndAtOrAfterTheInstant() {
        // given
        Instant since = Instant.parse("2091-01-01T00:00:00.000001Z");
        RequestSpec spec = people.spec("alice", people.level(Required.atLeast(1), "bob"));
        ApprovalRequest endedJustBefore = submitted(spec, since.minusSeconds(3600));
        ApprovalRequest endedAtTheInstant = submitted(spec, since.minusSeconds(3600));
        ApprovalRequest cancelledAfter = submitted(spec, since.minusSeconds(3600));
        ApprovalRequest stillPending = submitted(spec, since.minusSeconds(3600));
        List.of(endedJustBefore, endedAtTheInstant, cancelledAfter, stillPending)
                .forEach(r -> requests.add(r, null));
        decideAndStore(
                endedJustBefore.id(), vote("bob", Verdict.APPROVE, since.minus(1, ChronoUnit.MICROS)), Mandates.NONE);
        decideAndStore(endedAtTheInstant.id(), vote("bob", Verdict.REJECT, since), Mandates.NONE);
        ApprovalRequest cancelled = requests.find(cancelledAfter.id()).orElseThrow();
        Transitions.cancel(cancelled, Actor.person(people.email("alice")), null, Via.API, since.plusSeconds(5));
        requests.update(cancelled);

        // when
        List<RequestId> ended = requests.endedSince(since);

        // then
        assertThat(ended)
                .contains(endedAtTheInstant.id(), cancelledAfter.id())
                .doesNotContain(endedJustBefore.id(), stillPending.id());
    }

    @Test
    void cancellationReadsBackWithWhoCancelledAndWhy() {
        // given
        RequestSpec spec = people.spec("alice", people.level(Required.atLeast(1), "bob"));
        ApprovalRequest withReason = submitted(spec, T0);
        ApprovalRequest withoutReason = submitted(spec, T0);
        List.of(withReason, withoutReason).forEach(r -> requests.add(r, null));

        // when
        ApprovalRequest first = requests.find(withReason.id()).orElseThrow();
        Transitions.cancel(first, Actor.person(people.email("alice")), "  wrong build  ", Via.API, T0.plusSeconds(30));
        requests.update(first);
        ApprovalRequest second = requests.find(withoutReason.id()).orElseThrow();
        Transitions.cancel(second, Actor.administrator("ops-bot"), null, Via.API, T0.plusSeconds(31));
        requests.update(second);

        // then
        ApprovalRequest loaded = requests.find(withReason.id()).orElseThrow();
        assertSameRequest(loaded, first);
        assertThat(loaded.cancellation())
                .contains(new Cancellation(people.email("alice").value(), "wrong build"));
        assertThat(requests.find(withoutReason.id()).orElseThrow().cancellation())
                .contains(new Cancellation("ops-bot", null));
    }

    @Test
    void dueToExpireListsPendingRequestsWhoseExpiryHasPassedThoseThatExpiredFirstFirst() {
        // given: far in the future, so that no sweep of the running application expires them first
        Instant submittedAt = Instant.parse("2095-03-04T05:00:00.000001Z");
        Instant now = submittedAt.plus(Duration.ofHours(3));
        ApprovalRequest expiredFirst = submitted(expiring(Duration.ofHours(1), Mode.STANDARD), submittedAt);
        ApprovalRequest expiredLater = submitted(expiring(Duration.ofHours(2), Mode.URGENT), submittedAt);
        ApprovalRequest expiresNow = submitted(expiring(Duration.ofHours(3), Mode.STANDARD), submittedAt);
        ApprovalRequest notYet = submitted(expiring(Duration.ofHours(4), Mode.STANDARD), submittedAt);
        ApprovalRequest decidedInTime = submitted(expiring(Duration.ofHours(1), Mode.STANDARD), submittedAt);
        ApprovalRequest neverExpires = submitted(expiring(null, Mode.STANDARD), submittedAt);
        List.of(expiresNow, notYet, expiredLater, decidedInTime, neverExpires, expiredFirst)
                .forEach(r -> requests.add(r, null));
        decideAndStore(decidedInTime.id(), vote("bob", Verdict.APPROVE, submittedAt.plusSeconds(60)), Mandates.NONE);
        List<RequestId> ours = List.of(
                expiredFirst.id(),
                expiredLater.id(),
                expiresNow.id(),
                notYet.id(),
                decidedInTime.id(),
                neverExpires.id());

        // when
        List<RequestId> due = requests.dueToExpire(now, 100_000);
        List<RequestId> firstTwo = requests.dueToExpire(now, 2);

        // then: other tests' requests may be due too; ours come in the order they expired
        assertThat(due)
                .filteredOn(ours::contains)
                .containsExactly(expiredFirst.id(), expiredLater.id(), expiresNow.id());
        assertThat(firstTwo).hasSize(2);
        assertThat(due).doesNotHaveDuplicates();
    }

    @Test
    void overdueUrgentListsPendingUrgentRequestsCreatedBeforeTheCutoffOldestFirst() {
        // given
        Instant cutoff = Instant.parse("2096-07-08T09:00:00.000001Z");
        RequestSpec urgent = expiring(null, Mode.URGENT);
        ApprovalRequest oldest = submitted(urgent, cutoff.minus(Duration.ofDays(3)));
        ApprovalRequest tiedA = submitted(urgent, cutoff.minus(Duration.ofDays(2)));
        ApprovalRequest tiedB = submitted(urgent, cutoff.minus(Duration.ofDays(2)));
        ApprovalRequest justBefore = submitted(urgent, cutoff.minus(1, ChronoUnit.MICROS));
        ApprovalRequest atTheCutoff = submitted(urgent, cutoff);
        ApprovalRequest standard = submitted(expiring(null, Mode.STANDARD), cutoff.minus(Duration.ofDays(3)));
        ApprovalRequest approved = submitted(urgent, cutoff.minus(Duration.ofDays(3)));
        List.of(atTheCutoff, tiedB, standard, justBefore, approved, oldest, tiedA)
                .forEach(r -> requests.add(r, null));
        decideAndStore(approved.id(), vote("bob", Verdict.APPROVE, cutoff.minusSeconds(60)), Mandates.NONE);
        List<RequestId> ours = List.of(
                oldest.id(), tiedA.id(), tiedB.id(), justBefore.id(), atTheCutoff.id(), standard.id(), approved.id());
        List<RequestId> tied = Stream.of(tiedA.id(), tiedB.id())
                .sorted(Comparator.comparing(RequestId::value))
                .toList();

        // when
        List<RequestId> overdue = requests.overdueUrgent(cutoff);

        // then
        assertThat(overdue)
                .filteredOn(ours::contains)
                .containsExactly(oldest.id(), tied.get(0), tied.get(1), justBefore.id());
    }

    @Test
    void auditTrailListsARequestsEntriesInTheOrderTheyWereAppended() {
        // given
        RequestId id = RequestId.random();
        RequestId other = RequestId.random();
        Instant decided = T0.plus(1_500_001, ChronoUnit.MICROS);
        List<ApprovalEvent> submittedEvents =
                List.of(new RequestSubmitted(id, T0, people.email("alice").value(), Via.API, Mode.STANDARD, 1));
        List<ApprovalEvent> decidedEvents = List.of(
                new ApprovalGranted(
                        id, decided, people.email("deputy").value(), people.email("bob"), Via.SLACK, 1, "ship it"),
                new LevelApproved(id, decided, people.email("deputy").value(), people.email("bob"), Via.SLACK, 1, null),
                new RequestApproved(id, decided, people.email("deputy").value(), people.email("bob"), Via.SLACK));

        // when
        audit.append(submittedEvents, Credential.admin());
        audit.append(
                List.of(new RequestSubmitted(other, T0, people.email("carol").value(), Via.WEB, Mode.URGENT, 2)),
                Credential.admin());
        audit.append(decidedEvents, Credential.admin());

        // then
        List<AuditEntry> expected = new ArrayList<>();
        submittedEvents.forEach(e -> expected.add(AuditEntry.of(e, Credential.admin())));
        decidedEvents.forEach(e -> expected.add(AuditEntry.of(e, Credential.admin())));
        assertThat(audit.of(id)).containsExactlyElementsOf(expected);
        assertThat(audit.of(id))
                .extracting(AuditEntry::action)
                .containsExactly("request-submitted", "approval-granted", "level-approved", "request-approved");
    }

    @Test
    void auditTrailRefusesToBeRewrittenOrDeleted() {
        // given
        RequestId id = RequestId.random();
        audit.append(
                List.of(new RequestSubmitted(id, T0, people.email("alice").value(), Via.API, Mode.STANDARD, 1)),
                Credential.admin());
        List<AuditEntry> before = audit.of(id);

        // when
        Throwable rewrite = catchThrowable(() -> jdbc.sql(
                        "update audit_event set detail = 'forged', actor = 'mallory@example.com' where request_id = :id")
                .param("id", id.value())
                .update());
        Throwable delete = catchThrowable(() -> jdbc.sql("delete from audit_event where request_id = :id")
                .param("id", id.value())
                .update());

        // then
        assertThat(rewrite).isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThat(delete).isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThat(audit.of(id)).isEqualTo(before).hasSize(1);
    }

    /** Alice asks bob, with this expiry (or none) and mode. */
    private RequestSpec expiring(Duration expiresAfter, Mode mode) {
        return new RequestSpec(
                "deploy",
                "Deploy api v2.3 to prod",
                null,
                Map.of(),
                people.email("alice"),
                List.of(people.level(Required.atLeast(1), "bob")),
                mode,
                List.of(),
                null,
                expiresAfter,
                null);
    }

    private Vote vote(String approver, Verdict verdict, Instant at) {
        return new Vote(
                people.email(approver), null, verdict, verdict == Verdict.REJECT ? "not now" : null, Via.API, at);
    }

    /** Loads, decides, stores, and returns the request as it reads back (checked equal to what was stored). */
    private ApprovalRequest decideAndStore(RequestId id, Vote vote, Mandates mandates) {
        ApprovalRequest request = requests.find(id).orElseThrow();
        Transitions.decide(request, vote, mandates);
        requests.update(request);
        ApprovalRequest loaded = requests.find(id).orElseThrow();
        assertSameRequest(loaded, request);
        assertThat(loaded.version()).isEqualTo(request.version() + 1);
        return loaded;
    }

    /** Equal in every field but the version, which the store moves on with each update. */
    private static void assertSameRequest(ApprovalRequest actual, ApprovalRequest expected) {
        assertThat(actual)
                .usingRecursiveComparison()
                .withStrictTypeChecking()
                .ignoringFields("version")
                .isEqualTo(expected);
        assertThat(actual.spec()).isEqualTo(expected.spec());
        assertThat(actual.decisions()).isEqualTo(expected.decisions());
    }

    private static List<RequestId> ids(RequestPage page) {
        return page.items().stream().map(ApprovalRequest::id).toList();
    }
}
