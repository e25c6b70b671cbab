package dev.countersign.api;

import static dev.countersign.api.NewRequestBody.request;
import static dev.countersign.api.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.Email;
import dev.countersign.approval.Mandates;
import dev.countersign.approval.RequestId;
import dev.countersign.approval.Transitions;
import dev.countersign.approval.Verdict;
import dev.countersign.approval.Via;
import dev.countersign.approval.Vote;
import dev.countersign.testing.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The whole app on the machine's PostgreSQL: the long-poll contract, and callers racing each other over HTTP on
 * real threads, where exactly one transition must win.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "countersign.api-token=" + RunningApp.TOKEN)
@ContextConfiguration(initializers = FreshDataDirectory.class)
@Import(ParkedWaiters.class)
class PostgresApiIT extends LongPollContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = TestPostgres.freshDatabase("api");
        registry.add("countersign.db.url", () -> url);
        registry.add("countersign.db.user", () -> TestPostgres.USER);
        registry.add("countersign.db.password", () -> TestPostgres.PASSWORD);
    }

    @Autowired
    JdbcClient jdbc;

    @Test
    void runsOnPostgresql() {
        // when
        String product = jdbc.sql("select version()").query(String.class).single();

        // then
        assertThat(product).startsWith("PostgreSQL");
    }

    @Autowired
    ApprovalRequests requests;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void waiterIsReleasedWhenAnotherNodeEndsTheRequest() {
        // given a CI job waits here on a pending request
        String id = create();
        Parked parked = park(id);

        // when another instance sharing the database approves it: stored directly, so no event reaches this node
        long decided = System.nanoTime();
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            ApprovalRequest request = requests.find(new RequestId(id)).orElseThrow();
            Transitions.decide(
                    request,
                    new Vote(new Email(cast.bob()), null, Verdict.APPROVE, null, Via.API, Instant.now()),
                    Mandates.NONE);
            requests.update(request);
        });

        // then the once-a-second sweep finds it and releases the job with the outcome
        Released released = parked.released();
        assertThat(released.answer().json().path("status").asString()).isEqualTo("approved");
        assertThat(Duration.ofNanos(released.at() - decided)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void concurrentCreatesWithTheSameKeyMakeOneRequest() {
        IdempotencyApiIT.ConcurrentCreates.sameKeyMakesOneRequest(api, cast, "ci-job-" + UUID.randomUUID(), 8);
    }

    @Test
    void twoApproversOfAOneOfTwoLevelClickingAtOnceMakeOneApproval() {
        // given
        String id = api.create(request("Deploy", cast.alice()).level(1, cast.bob(), cast.carol()))
                .path("id")
                .asString();
        List<String> approvers = List.of(cast.bob(), cast.carol());

        // when
        List<ApiClient.Answer> answers =
                Simultaneously.run(2, (int i) -> api.decide(id, approvers.get(i), "approve", null));

        // then
        assertExactlyOneWon(answers);
        JsonNode stored = api.fetch(id);
        assertThat(stored.path("status").asString()).isEqualTo("approved");
        assertThat(stored.path("decisions")).hasSize(1);
    }

    @Test
    void theSameClickTwiceAtOnceCountsOnce() {
        // given bob's approval is one of the two level 1 needs
        String id = api.create(request("Deploy", cast.alice()).level(2, cast.bob(), cast.carol()))
                .path("id")
                .asString();

        // when bob's click arrives twice at the same moment
        List<ApiClient.Answer> answers = Simultaneously.run(2, () -> api.decide(id, cast.bob(), "approve", null));

        // then
        assertExactlyOneWon(answers);
        JsonNode stored = api.fetch(id);
        assertThat(stored.path("status").asString()).isEqualTo("pending");
        assertThat(stored.path("decisions")).hasSize(1);
    }

    @Test
    void approverAndRejecterAtOnceEndInExactlyOneOutcome() {
        // given
        String id = api.create(request("Deploy", cast.alice()).level(1, cast.bob(), cast.carol()))
                .path("id")
                .asString();

        // when bob approves while carol rejects
        List<ApiClient.Answer> answers = Simultaneously.run(
                2,
                (int i) -> i == 0
                        ? api.decide(id, cast.bob(), "approve", null)
                        : api.decide(id, cast.carol(), "reject", "not now"));

        // then the outcome is whichever came first, and the request says so
        assertExactlyOneWon(answers);
        ApiClient.Answer winner =
                answers.stream().filter(a -> a.status() == 200).findFirst().orElseThrow();
        JsonNode stored = api.fetch(id);
        assertThat(stored.path("status").asString())
                .isEqualTo(winner.json().path("status").asString())
                .isIn("approved", "rejected");
        assertThat(stored.path("decisions")).hasSize(1);
    }

    @Test
    void everyApproverOfAnAllLevelApprovingAtOnceLosesNoApproval() {
        // given six approvers who must all approve
        List<String> approvers =
                List.of(cast.bob(), cast.carol(), cast.dave(), cast.erin(), cast.frank(), cast.oscar());
        String id = api.create(request("Deploy", cast.alice()).levelOfAll(approvers.toArray(String[]::new)))
                .path("id")
                .asString();

        // when
        List<ApiClient.Answer> answers =
                Simultaneously.run(approvers.size(), (int i) -> api.decide(id, approvers.get(i), "approve", null));

        // then
        assertThat(answers)
                .extracting(ApiClient.Answer::status)
                .as(answers.toString())
                .containsOnly(200);
        JsonNode stored = api.fetch(id);
        assertThat(stored.path("status").asString()).isEqualTo("approved");
        assertThat(stored.path("decisions")
                        .valueStream()
                        .map(d -> d.path("approver").asString()))
                .containsExactlyInAnyOrderElementsOf(approvers);
        assertThat(jdbc.sql("select count(*) from audit_event where request_id = ? and action = 'approval-granted'")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(approvers.size());
    }

    private static void assertExactlyOneWon(List<ApiClient.Answer> answers) {
        List<Integer> statuses = answers.stream().map(ApiClient.Answer::status).toList();
        assertThat(statuses).as(answers.toString()).containsExactlyInAnyOrder(200, 409);
        answers.stream()
                .filter(a -> a.status() == 409)
                .forEach(a -> assertThatProblem(a).is(409));
    }
}
