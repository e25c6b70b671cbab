package dev.countersign.durability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.durability.ApiCalls.Answer;
import dev.countersign.durability.Workload.Plan;
import dev.countersign.durability.Workload.Step;
import dev.countersign.durability.Workload.Tracked;
import dev.countersign.testing.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The server as a user runs it ({@code countersign serve}, configured by environment), in a process of its own:
 * every write it acknowledged survives a SIGKILL in the middle of a stream of writes, on the embedded database and
 * on PostgreSQL, and a graceful restart keeps everything.
 */
class ServerRestartIT {

    private static final String TOKEN = "durability-" + UUID.randomUUID();
    private static final Path LOGS = Path.of("target", "durability-logs");

    @TempDir
    Path dataDir;

    private final List<ServerProcess> servers = new ArrayList<>();
    private String testName;

    @BeforeEach
    void startAFreshLog(TestInfo test) throws IOException {
        testName = test.getTestMethod().orElseThrow().getName();
        Files.deleteIfExists(log());
    }

    @AfterEach
    void destroyServers() {
        servers.forEach(ServerProcess::close);
    }

    @Test
    void killedServerOnTheEmbeddedDatabaseLosesNoAcknowledgedWrite() {
        killingTheServerLosesNoAcknowledgedWrite(embeddedDatabase());
    }

    @Test
    void killedServerOnPostgresLosesNoAcknowledgedWrite() {
        killingTheServerLosesNoAcknowledgedWrite(postgres());
    }

    private void killingTheServerLosesNoAcknowledgedWrite(Map<String, String> settings) {
        // given four clients creating and deciding as fast as the server answers
        ServerProcess first = start(settings);
        Workload workload = new Workload(new ApiCalls(first.baseUrl(), TOKEN));
        workload.start(4);
        workload.awaitCompleted(200, Duration.ofSeconds(60));

        // when it is killed while they are still writing, and started again on the same storage
        first.kill();
        workload.stop();
        ServerProcess second = start(settings);

        // then
        assertThat(workload.unexpectedAnswers())
                .as("answers other than 201/200 before the kill")
                .isEmpty();
        assertThat(workload.tracked()).hasSizeGreaterThanOrEqualTo(200);
        assertEverythingAcknowledgedIsStored(workload, second);
    }

    @Test
    void gracefullyRestartedServerKeepsEverything() {
        // given
        Map<String, String> settings = embeddedDatabase();
        ServerProcess first = start(settings);
        Workload workload = new Workload(new ApiCalls(first.baseUrl(), TOKEN));
        workload.runSequentially(40);

        // when
        int exitCode = first.stop();
        ServerProcess second = start(settings);

        // then
        assertThat(exitCode)
                .as("exit code after SIGTERM; output:\n%s", first.logTail())
                .isIn(0, 143);
        assertThat(workload.unexpectedAnswers()).isEmpty();
        assertThat(workload.tracked()).hasSize(40).noneMatch(request -> request.inDoubt);
        assertEverythingAcknowledgedIsStored(workload, second);
    }

    /**
     * Every acknowledged request is there with every acknowledged decision, its status and its audit trail. A
     * request whose last call got no answer may also hold that one unacknowledged decision, but nothing else.
     */
    private static void assertEverythingAcknowledgedIsStored(Workload workload, ServerProcess server) {
        ApiCalls api = new ApiCalls(server.baseUrl(), TOKEN);
        List<String> problems = new ArrayList<>();
        for (Tracked request : workload.tracked()) {
            Answer answer = get(api, "/api/v1/requests/" + request.id);
            if (answer.status() != 200) {
                problems.add("#" + request.n + " " + request.id + " is gone: " + answer);
                continue;
            }
            JsonNode stored = answer.body();
            List<Step> decisions = new ArrayList<>();
            stored.path("decisions").forEach(decision -> decisions.add(Step.of(decision)));
            List<Step> acknowledged = List.copyOf(request.acknowledged);
            List<Step> planned = Plan.of(request.n).steps(request.n);
            boolean decisionsRight = request.inDoubt
                    ? decisions.size() <= planned.size()
                            && decisions.equals(planned.subList(0, decisions.size()))
                            && decisions.size() >= acknowledged.size()
                            && decisions.size() <= acknowledged.size() + 1
                    : decisions.equals(acknowledged);
            String status = stored.path("status").asString();
            List<String> actions = new ArrayList<>();
            get(api, "/api/v1/requests/" + request.id + "/events")
                    .body()
                    .forEach(event -> actions.add(event.path("action").asString()));
            long approvals = decisions.stream()
                    .filter(step -> step.verdict().equals("approve"))
                    .count();
            boolean auditRight = !actions.isEmpty()
                    && actions.getFirst().equals("request-submitted")
                    && actions.stream().filter("approval-granted"::equals).count() == approvals
                    && actions.contains("request-approved") == status.equals("approved")
                    && actions.contains("request-rejected") == status.equals("rejected");
            if (!decisionsRight
                    || !status.equals(Workload.statusAfter(decisions))
                    || !auditRight
                    || !stored.path("title").asString().equals("Durability #" + request.n)) {
                problems.add("#" + request.n + " " + request.id + (request.inDoubt ? " (last call unanswered)" : "")
                        + ": acknowledged " + acknowledged + ", stored " + status + " " + decisions
                        + ", audit " + actions);
            }
        }
        assertThat(problems)
                .as(
                        "%d acknowledged requests checked; the restarted server's output ends with:\n%s",
                        workload.tracked().size(), server.logTail())
                .isEmpty();
    }

    private ServerProcess start(Map<String, String> settings) {
        ServerProcess server = ServerProcess.start(settings, log());
        servers.add(server);
        return server;
    }

    /** Where the servers of the running test write their output (both starts, one after the other). */
    private Path log() {
        return LOGS.resolve(testName + ".log");
    }

    private Map<String, String> embeddedDatabase() {
        return Map.of("COUNTERSIGN_DATA_DIR", dataDir.toString(), "COUNTERSIGN_API_TOKEN", TOKEN);
    }

    private Map<String, String> postgres() {
        return Map.of(
                "COUNTERSIGN_DATA_DIR",
                dataDir.toString(),
                "COUNTERSIGN_API_TOKEN",
                TOKEN,
                "COUNTERSIGN_DB_URL",
                TestPostgres.freshDatabase("durability"),
                "COUNTERSIGN_DB_USER",
                TestPostgres.USER,
                "COUNTERSIGN_DB_PASSWORD",
                TestPostgres.PASSWORD);
    }

    private static Answer get(ApiCalls api, String path) {
        try {
            return api.get(path);
        } catch (IOException e) {
            throw new UncheckedIOException("the restarted server did not answer " + path, e);
        }
    }
}
