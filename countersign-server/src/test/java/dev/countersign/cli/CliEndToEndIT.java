package dev.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.countersign.CountersignServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CLI against the whole server on a random port, one test per user journey: the commands a pipeline and its
 * approvers would type, with the exit codes the pipeline acts on. The CLI runs in-process but talks only HTTP.
 */
@SpringBootTest(
        classes = CountersignServer.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "countersign.api-token=test-token-0123456789abcdef0123456789",
            "countersign.data-dir=${java.io.tmpdir}/cs-cli-test-${random.uuid}"
        })
class CliEndToEndIT {

    private static final Duration RELEASE_WITHIN = Duration.ofSeconds(20);

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final ExecutorService background = Executors.newCachedThreadPool();

    private final java.util.Map<String, String> personalTokens = new java.util.HashMap<>();

    @LocalServerPort
    int port;

    @TempDir
    Path workingDirectory;

    @AfterEach
    void stopBackground() throws InterruptedException {
        background.shutdownNow();
        background.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void aTwoLevelRequestMovesLevelByLevelToApproved() {
        // given a request with a quorum level and an all-of level
        CliRun created = cli(
                "request",
                "--type",
                "deploy",
                "--title",
                "Deploy api v2.3 to prod",
                "--requester",
                "alice@example.com",
                "--field",
                "version=2.3",
                "--level",
                "bob@example.com,carol@example.com:1",
                "--level",
                "dave@example.com:all",
                "--executor",
                "ops@example.com",
                "--json");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        String id = json(created).path("id").asString();

        // when its status is asked
        CliRun pending = cli("status", id);

        // then it waits on level 1 of 2
        assertThat(pending.exitCode()).as(pending.toString()).isZero();
        assertThat(pending.out())
                .startsWith("Deploy api v2.3 to prod\n")
                .containsPattern("id +" + id)
                .containsPattern("status +pending")
                .containsPattern("level +1 of 2")
                .containsPattern("mode +standard")
                .contains("1. pending   1 of 2 required: bob@example.com, carol@example.com")
                .contains("2. waiting   all of 1 required: dave@example.com");

        // when one approver of level 1 approves
        CliRun firstApproval = asPerson("bob@example.com", "decide", id, "--approve");

        // then level 2 is asked
        assertThat(firstApproval.exitCode()).as(firstApproval.toString()).isZero();
        assertThat(firstApproval.out()).containsPattern("level +2 of 2").contains("bob@example.com approved");

        // when level 2 approves
        CliRun secondApproval =
                asPerson("dave@example.com", "decide", id, "--approve", "--reason", "checked the canary");

        // then the request is approved and executable, and waiting on it ends at once with 0
        assertThat(secondApproval.exitCode()).as(secondApproval.toString()).isZero();
        assertThat(secondApproval.out())
                .containsPattern("status +approved")
                .containsPattern("executable +yes")
                .contains("dave@example.com approved: \"checked the canary\"");
        assertThat(cli("wait", id).exitCode()).isZero();

        // when the executor records the execution
        CliRun executed = cli("execute", id, "--executor", "ops@example.com");

        // then it shows
        assertThat(executed.exitCode()).as(executed.toString()).isZero();
        assertThat(executed.out()).contains("Execution\n  ops@example.com executed it");
    }

    @Test
    void requestWithWaitIsReleasedWithExitZeroByTheApproval() {
        // given a pipeline waiting on its request
        String requester = uniqueRequester();
        CompletableFuture<CliRun> pipeline = inBackground(
                "request",
                "--type",
                "deploy",
                "--title",
                "Release",
                "--requester",
                requester,
                "--level",
                "bob@example.com",
                "--wait",
                "--timeout",
                "2m");
        String id = awaitRequestOf(requester);

        // when the approver approves
        CliRun approval = asPerson("bob@example.com", "decide", id, "--approve");

        // then the pipeline goes ahead
        assertThat(approval.exitCode()).as(approval.toString()).isZero();
        CliRun released =
                pipeline.orTimeout(RELEASE_WITHIN.toSeconds(), TimeUnit.SECONDS).join();
        assertThat(released.exitCode()).as(released.toString()).isZero();
        assertThat(released.out()).containsPattern("status +approved");
        assertThat(released.err()).contains("Waiting up to 2m for a decision");
    }

    @Test
    void requestWithWaitExitsOneWhenRejected() {
        // given
        String requester = uniqueRequester();
        CompletableFuture<CliRun> pipeline = inBackground(
                "request",
                "--type",
                "deploy",
                "--title",
                "Release",
                "--requester",
                requester,
                "--level",
                "bob@example.com,carol@example.com:1",
                "--wait");
        String id = awaitRequestOf(requester);

        // when
        CliRun rejection = asPerson("carol@example.com", "decide", id, "--reject", "--reason", "not on a Friday");

        // then
        assertThat(rejection.exitCode()).as(rejection.toString()).isZero();
        CliRun released =
                pipeline.orTimeout(RELEASE_WITHIN.toSeconds(), TimeUnit.SECONDS).join();
        assertThat(released.exitCode()).as(released.toString()).isEqualTo(1);
        assertThat(released.out())
                .containsPattern("status +rejected")
                .contains("carol@example.com rejected: \"not on a Friday\"");
    }

    @Test
    void waitExitsTwoWhenTheRequestIsCancelled() {
        // given
        String requester = uniqueRequester();
        String id = create(requester, "bob@example.com");
        CompletableFuture<CliRun> waiter = inBackground("wait", id, "--json");

        // when
        CliRun cancellation = cli("cancel", id, "--by", requester, "--reason", "wrong branch");

        // then
        assertThat(cancellation.exitCode()).as(cancellation.toString()).isZero();
        assertThat(cancellation.out()).containsPattern("status +cancelled");
        CliRun released =
                waiter.orTimeout(RELEASE_WITHIN.toSeconds(), TimeUnit.SECONDS).join();
        assertThat(released.exitCode()).as(released.toString()).isEqualTo(2);
        assertThat(json(released).path("status").asString()).isEqualTo("cancelled");
    }

    @Test
    void waitExitsTwoWhenItsTimeoutRunsOutOnAPendingRequest() {
        // given
        String id = create(uniqueRequester(), "bob@example.com");

        // when
        long started = System.nanoTime();
        CliRun run = cli("wait", id, "--timeout", "2s");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isBetween(Duration.ofMillis(1500), Duration.ofSeconds(15));
        assertThat(run.err()).contains("timed out after 2s; request " + id + " is still pending");
    }

    @Test
    void anUrgentRequestLetsThePipelineGoAheadAtOnce() {
        // when
        CliRun run = cli(
                "request",
                "--type",
                "hotfix",
                "--title",
                "Hotfix",
                "--requester",
                uniqueRequester(),
                "--level",
                "bob@example.com",
                "--urgent",
                "--wait",
                "--timeout",
                "1m");

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out())
                .containsPattern("status +pending")
                .containsPattern("mode +urgent")
                .containsPattern("executable +yes");
    }

    @Test
    void aDecisionBySomeoneWhoIsNotAnApproverExitsFourWithTheServersReason() {
        // given
        String id = create(uniqueRequester(), "bob@example.com");

        // when
        CliRun run = asPerson("mallory@example.com", "decide", id, "--approve");

        // then
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).startsWith("countersign: 403 ").contains("mallory@example.com");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void theAdminTokenDecidesOnlyWithOverrideAndTheOverrideIsRecorded() {
        // given
        String id = create(uniqueRequester(), "bob@example.com");

        // when
        CliRun plain = cli("decide", id, "--approve", "--approver", "bob@example.com");
        CliRun withoutReason = cli("decide", id, "--approve", "--approver", "bob@example.com", "--override");
        CliRun override = cli(
                "decide",
                id,
                "--approve",
                "--approver",
                "bob@example.com",
                "--override",
                "--reason",
                "bob is unreachable; the outage needs this",
                "--json");

        // then
        assertThat(plain.exitCode()).isEqualTo(4);
        assertThat(plain.err()).contains("403").contains("override");
        assertThat(withoutReason.exitCode()).isEqualTo(3);
        assertThat(override.exitCode()).as(override.toString()).isZero();
        JsonNode decision = json(override).path("decisions").get(0);
        assertThat(decision.path("via").asString()).isEqualTo("override");
        assertThat(decision.path("approver").asString()).isEqualTo("bob@example.com");
    }

    @Test
    void aClientIsCreatedListedAndRevokedAndItsTokenStopsWorking() {
        // given
        String name = "cli-" + UUID.randomUUID().toString().substring(0, 8);

        // when
        CliRun created = cli("clients", "create", name, "--scope", "requests:read,requests:write");
        String token = created.out().strip();
        CliRun listed = cli("clients", "list");
        CliRun asClient = CliRun.run(
                new CliEnvironment(java.util.Map.of("COUNTERSIGN_TOKEN", token), workingDirectory),
                Ticker.system(),
                "list",
                "--url",
                url());
        String id = json(cli("clients", "list", "--json"))
                .valueStream()
                .filter(c -> c.path("name").asString().equals(name))
                .findFirst()
                .orElseThrow()
                .path("id")
                .asString();
        CliRun revoked = cli("clients", "revoke", id);
        CliRun afterRevoke = CliRun.run(
                new CliEnvironment(java.util.Map.of("COUNTERSIGN_TOKEN", token), workingDirectory),
                Ticker.system(),
                "list",
                "--url",
                url());

        // then
        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(token).startsWith("cs_").doesNotContain(" ");
        assertThat(created.err()).contains("shown only now");
        assertThat(listed.out())
                .contains(name)
                .contains("requests:read,requests:write")
                .doesNotContain(token);
        assertThat(asClient.exitCode()).as(asClient.toString()).isZero();
        assertThat(revoked.exitCode()).isZero();
        assertThat(afterRevoke.exitCode()).isEqualTo(4);
        assertThat(afterRevoke.err()).contains("401").contains("COUNTERSIGN_TOKEN");
    }

    @Test
    void aDecisionOnAFinishedRequestExitsFourWithTheConflict() {
        // given
        String id = create(uniqueRequester(), "bob@example.com");
        assertThat(asPerson("bob@example.com", "decide", id, "--approve").exitCode())
                .isZero();

        // when
        CliRun run = asPerson("bob@example.com", "decide", id, "--reject", "--reason", "changed my mind");

        // then
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).startsWith("countersign: 409 ");
    }

    @Test
    void aWrongTokenExitsFourWithoutShowingTheToken() {
        // when
        CliRun run = CliRun.run(
                CliRun.emptyEnvironment(workingDirectory),
                Ticker.system(),
                "list",
                "--url",
                url(),
                "--token",
                "not-the-token");

        // then
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err())
                .startsWith("countersign: 401 ")
                .contains("the token from --token was not accepted")
                .doesNotContain("not-the-token");
    }

    @Test
    void anUnreachableServerExitsFour() {
        // when
        CliRun run = CliRun.run(
                CliRun.emptyEnvironment(workingDirectory),
                Ticker.system(),
                "status",
                "some-id",
                "--url",
                "http://127.0.0.1:1",
                "--token",
                "test-token-0123456789abcdef0123456789");

        // then
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("cannot reach the server at http://127.0.0.1:1");
    }

    @Test
    void aMalformedLevelExitsThreeAndCreatesNothing() {
        // given
        String requester = uniqueRequester();

        // when
        CliRun run = cli(
                "request",
                "--type",
                "deploy",
                "--title",
                "t",
                "--requester",
                requester,
                "--level",
                "bob@example.com:lots");

        // then
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("'lots' in level 'bob@example.com:lots' is not a rule");
        assertThat(json(cli("list", "--requester", requester, "--json")).path("items"))
                .isEmpty();
    }

    @Test
    void anInvalidRequestExitsFourWithWhatToFix() {
        // when
        CliRun run = cli(
                "request",
                "--type",
                "Not A Type!",
                "--title",
                "t",
                "--requester",
                uniqueRequester(),
                "--level",
                "bob@example.com");

        // then
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).startsWith("countersign: 422 ").contains("type");
    }

    @Test
    void theSameIdempotencyKeyReturnsTheSameRequest() {
        // given
        String requester = uniqueRequester();
        String key = "ci-job-" + UUID.randomUUID();
        String[] request = {
            "request",
            "--type",
            "deploy",
            "--title",
            "t",
            "--requester",
            requester,
            "--level",
            "bob@example.com",
            "--idempotency-key",
            key,
            "--json"
        };

        // when
        CliRun first = cli(request);
        CliRun again = cli(request);

        // then
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(json(again).path("id").asString())
                .isEqualTo(json(first).path("id").asString());
    }

    @Test
    void listShowsARequestersRequestsNewestFirst() {
        // given
        String requester = uniqueRequester();
        String older = create(requester, "bob@example.com");
        String newer = create(requester, "carol@example.com");

        // when
        CliRun run = cli("list", "--requester", requester, "--status", "pending");

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith(newer);
        assertThat(lines.get(2)).startsWith(older);
    }

    private String create(String requester, String approvers) {
        CliRun created = cli(
                "request",
                "--type",
                "deploy",
                "--title",
                "Deploy",
                "--requester",
                requester,
                "--level",
                approvers,
                "--json");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        return json(created).path("id").asString();
    }

    /** The id of the one request by this requester, once the background command has created it. */
    private String awaitRequestOf(String requester) {
        List<String> ids = new ArrayList<>();
        await().atMost(RELEASE_WITHIN).pollInterval(Duration.ofMillis(100)).until(() -> {
            json(cli("list", "--requester", requester, "--json"))
                    .path("items")
                    .forEach(item -> ids.add(item.path("id").asString()));
            return !ids.isEmpty();
        });
        return ids.getFirst();
    }

    private CompletableFuture<CliRun> inBackground(String... args) {
        return CompletableFuture.supplyAsync(() -> cli(args), background);
    }

    /**
     * The CLI as {@code person} runs it: with their own personal token in {@code COUNTERSIGN_TOKEN}, made once
     * with {@code countersign tokens create --person} and the admin token.
     */
    private CliRun asPerson(String person, String... args) {
        String token = personalTokens.computeIfAbsent(person, email -> {
            CliRun created = cli("tokens", "create", "--person", email, "--name", "cli-test");
            assertThat(created.exitCode()).as(created.toString()).isZero();
            return created.out().strip();
        });
        List<String> withServer = new ArrayList<>(List.of(args));
        withServer.addAll(List.of("--url", url()));
        return CliRun.run(
                new CliEnvironment(java.util.Map.of("COUNTERSIGN_TOKEN", token), workingDirectory),
                Ticker.system(),
                withServer.toArray(String[]::new));
    }

    private CliRun cli(String... args) {
        List<String> withServer = new ArrayList<>(List.of(args));
        withServer.addAll(List.of("--url", url(), "--token", "test-token-0123456789abcdef0123456789"));
        return CliRun.run(
                CliRun.emptyEnvironment(workingDirectory), Ticker.system(), withServer.toArray(String[]::new));
    }

    private String url() {
        return "http://127.0.0.1:" + port;
    }

    private JsonNode json(CliRun run) {
        assertThat(run.out()).as(run.toString()).isNotBlank();
        return mapper.readTree(run.out());
    }

    private static String uniqueRequester() {
        return "requester-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
