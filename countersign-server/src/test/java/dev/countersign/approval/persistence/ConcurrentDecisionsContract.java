package dev.countersign.approval.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.AuditEntry;
import dev.countersign.approval.AuditTrail;
import dev.countersign.approval.Credential;
import dev.countersign.approval.DecideRequest;
import dev.countersign.approval.Decision;
import dev.countersign.approval.DecisionNotAllowed;
import dev.countersign.approval.Email;
import dev.countersign.approval.RequestId;
import dev.countersign.approval.RequestSpec;
import dev.countersign.approval.RequestStateConflict;
import dev.countersign.approval.Required;
import dev.countersign.approval.Status;
import dev.countersign.approval.SubmitRequest;
import dev.countersign.approval.Verdict;
import dev.countersign.approval.Via;
import dev.countersign.approval.persistence.Race.Outcome;
import dev.countersign.approval.persistence.TestRequests.People;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Concurrent decisions on one request, on real threads released together, through the real use cases and the
 * real database: whatever the interleaving, exactly one correct transition happens and the audit trail tells it
 * once. Subclasses only choose the database.
 */
abstract class ConcurrentDecisionsContract {

    @Autowired
    SubmitRequest submit;

    @Autowired
    DecideRequest decide;

    @Autowired
    ApprovalRequests requests;

    @Autowired
    AuditTrail audit;

    private final People people = new People();

    @RepeatedTest(value = 50, name = "round {currentRepetition}")
    void twoApproversOfAOneOfTwoLevelDecidingAtOnceApproveTheRequestExactlyOnce() {
        // given
        RequestId id = submitted(people.spec("alice", people.level(Required.atLeast(1), "bob", "carol")));

        // when
        List<Outcome<ApprovalRequest>> outcomes =
                Race.run(List.of(decision(id, "bob", Verdict.APPROVE), decision(id, "carol", Verdict.APPROVE)));

        // then
        Outcome<ApprovalRequest> winner = onlyWinner(outcomes);
        assertThat(losers(outcomes)).singleElement().isInstanceOf(RequestStateConflict.class);
        ApprovalRequest stored = requests.find(id).orElseThrow();
        assertThat(stored.status()).isEqualTo(Status.APPROVED);
        assertThat(stored.decisions())
                .singleElement()
                .isEqualTo(winner.value().decisions().getFirst())
                .extracting(Decision::verdict)
                .isEqualTo(Verdict.APPROVE);
        assertThat(stored.version()).isOne();
        List<String> actions = actions(id);
        assertThat(actions).startsWith("request-submitted", "approval-granted", "level-approved", "request-approved");
        assertThat(actions).filteredOn("approval-granted"::equals).hasSize(1);
        assertThat(actions).filteredOn("request-approved"::equals).hasSize(1);
    }

    @RepeatedTest(value = 5, name = "round {currentRepetition}")
    void oneApproverClickingTenTimesAtOnceDecidesOnce() {
        // given a level that needs both bob and carol, so bob's click leaves the request pending
        RequestId id = submitted(people.spec("alice", people.level(Required.all(), "bob", "carol")));

        // when
        List<Outcome<ApprovalRequest>> outcomes = Race.run(IntStream.range(0, 10)
                .mapToObj(click -> decision(id, "bob", Verdict.APPROVE))
                .toList());

        // then
        onlyWinner(outcomes);
        assertThat(losers(outcomes))
                .hasSize(9)
                .allSatisfy(failure -> assertThat(failure)
                        .isInstanceOf(RequestStateConflict.class)
                        .hasMessageContaining("already decided"));
        ApprovalRequest stored = requests.find(id).orElseThrow();
        assertThat(stored.status()).isEqualTo(Status.PENDING);
        assertThat(stored.decisions()).extracting(Decision::approver).containsExactly(people.email("bob"));
        assertThat(stored.version()).isOne();
        assertThat(actions(id)).containsExactly("request-submitted", "approval-granted");
    }

    @RepeatedTest(value = 10, name = "round {currentRepetition}")
    void approvalsAndRejectionsRacingOnTheLastLevelEndTheRequestOneWayOnly() {
        // given level 1 is done; dave may approve and erin may reject level 2, and both click eight times at once
        RequestId id = submitted(people.spec(
                "alice", people.level(Required.atLeast(1), "bob"), people.level(Required.atLeast(1), "dave", "erin")));
        decide.decide(id, people.email("bob"), null, Verdict.APPROVE, null, Via.API, Credential.admin());
        List<Callable<ApprovalRequest>> clicks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            clicks.add(decision(id, "dave", Verdict.APPROVE));
            clicks.add(decision(id, "erin", Verdict.REJECT));
        }

        // when
        List<Outcome<ApprovalRequest>> outcomes = Race.run(clicks);

        // then
        onlyWinner(outcomes);
        assertThat(losers(outcomes))
                .hasSize(15)
                .allSatisfy(failure -> assertThat(failure).isInstanceOf(RequestStateConflict.class));
        ApprovalRequest stored = requests.find(id).orElseThrow();
        List<Decision> onLevelTwo =
                stored.decisions().stream().filter(d -> d.level() == 2).toList();
        assertThat(onLevelTwo).hasSize(1);
        List<String> actions = actions(id);
        if (stored.status() == Status.APPROVED) {
            assertThat(onLevelTwo.getFirst().approver()).isEqualTo(people.email("dave"));
            assertThat(actions).filteredOn("approval-granted"::equals).hasSize(2);
            assertThat(actions).filteredOn("request-approved"::equals).hasSize(1);
            assertThat(actions).doesNotContain("request-rejected");
        } else {
            assertThat(stored.status()).isEqualTo(Status.REJECTED);
            assertThat(onLevelTwo.getFirst().approver()).isEqualTo(people.email("erin"));
            assertThat(actions).filteredOn("approval-granted"::equals).hasSize(1);
            assertThat(actions).filteredOn("request-rejected"::equals).hasSize(1);
            assertThat(actions).doesNotContain("request-approved");
        }
        assertThat(stored.version()).isEqualTo(2);
    }

    @RepeatedTest(value = 10, name = "round {currentRepetition}")
    void approvalAndRejectionRacingOnTheFirstOfTwoLevelsNeverCountBoth() {
        // given bob may approve and carol may reject level 1 (one of them is enough), dave is level 2
        RequestId id = submitted(people.spec(
                "alice", people.level(Required.atLeast(1), "bob", "carol"), people.level(Required.atLeast(1), "dave")));

        // when
        List<Outcome<ApprovalRequest>> outcomes =
                Race.run(List.of(decision(id, "bob", Verdict.APPROVE), decision(id, "carol", Verdict.REJECT)));

        // then
        onlyWinner(outcomes);
        ApprovalRequest stored = requests.find(id).orElseThrow();
        assertThat(stored.decisions()).hasSize(1);
        Decision decision = stored.decisions().getFirst();
        if (decision.verdict() == Verdict.APPROVE) {
            // carol came second: level 1 was already done, so she is no longer asked
            assertThat(losers(outcomes)).singleElement().isInstanceOf(DecisionNotAllowed.class);
            assertThat(stored.status()).isEqualTo(Status.PENDING);
            assertThat(stored.currentLevel()).isEqualTo(2);
            assertThat(actions(id)).containsExactly("request-submitted", "approval-granted", "level-approved");
        } else {
            assertThat(losers(outcomes)).singleElement().isInstanceOf(RequestStateConflict.class);
            assertThat(stored.status()).isEqualTo(Status.REJECTED);
            assertThat(actions(id)).containsExactly("request-submitted", "request-rejected");
        }
    }

    @RepeatedTest(value = 3, name = "round {currentRepetition}")
    void allTenApproversOfAnAllLevelDecidingAtOnceAreAllCountedAndApproveOnce() {
        // given
        String[] approvers =
                IntStream.rangeClosed(1, 10).mapToObj(n -> "approver" + n).toArray(String[]::new);
        RequestId id = submitted(people.spec("alice", people.level(Required.all(), approvers)));

        // when
        List<Outcome<ApprovalRequest>> outcomes = Race.run(Arrays.stream(approvers)
                .map(name -> decision(id, name, Verdict.APPROVE))
                .toList());

        // then
        assertThat(losers(outcomes)).isEmpty();
        ApprovalRequest stored = requests.find(id).orElseThrow();
        assertThat(stored.decisions())
                .extracting(Decision::approver)
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(approvers).map(people::email).toList());
        assertThat(stored.status()).isEqualTo(Status.APPROVED);
        assertThat(stored.version()).isEqualTo(10);
        List<String> actions = actions(id);
        assertThat(actions).filteredOn("approval-granted"::equals).hasSize(10);
        assertThat(actions).filteredOn("request-approved"::equals).hasSize(1);
        assertThat(actions).filteredOn("level-approved"::equals).hasSize(1);
        assertThat(outcomes)
                .filteredOn(o -> o.value().status() == Status.APPROVED)
                .hasSize(1);
    }

    private RequestId submitted(RequestSpec spec) {
        return submit.submit(spec, null, Via.API, Credential.admin()).request().id();
    }

    private Callable<ApprovalRequest> decision(RequestId id, String approver, Verdict verdict) {
        Email email = people.email(approver);
        String reason = verdict == Verdict.REJECT ? "not during the freeze" : null;
        return () -> decide.decide(id, email, null, verdict, reason, Via.API, Credential.admin());
    }

    private static Outcome<ApprovalRequest> onlyWinner(List<Outcome<ApprovalRequest>> outcomes) {
        List<Outcome<ApprovalRequest>> winners =
                outcomes.stream().filter(Outcome::won).toList();
        assertThat(winners).as("contenders that succeeded, of %s", outcomes).hasSize(1);
        return winners.getFirst();
    }

    private static List<Throwable> losers(List<Outcome<ApprovalRequest>> outcomes) {
        return outcomes.stream().filter(o -> !o.won()).map(Outcome::failure).toList();
    }

    private List<String> actions(RequestId id) {
        return audit.of(id).stream().map(AuditEntry::action).toList();
    }
}
