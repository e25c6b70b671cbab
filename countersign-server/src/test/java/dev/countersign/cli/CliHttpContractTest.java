package dev.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the CLI sends to the REST API and how it reads the answers, against a scripted stub of the server. */
class CliHttpContractTest {

    private final JsonMapper mapper = JsonMapper.builder().build();

    @TempDir
    Path workingDirectory;

    private StubServer server;

    @BeforeEach
    void startStub() throws IOException {
        server = new StubServer();
    }

    @AfterEach
    void stopStub() {
        server.close();
    }

    @Test
    void requestSendsLevelsInOrderWithTheirRulesAndTheOtherOptions() {
        // given
        server.answer("POST /api/v1/requests", 201, SampleRequests.pending("r-1"));

        // when
        CliRun run = cli(
                "request",
                "--type",
                "deploy",
                "--title",
                "Deploy api v2.3 to prod",
                "--description",
                "Rolls out v2.3",
                "--field",
                "env=prod",
                "--field",
                "query=a=b",
                "--requester",
                "alice@example.com",
                "--level",
                "bob@example.com,carol@example.com:1",
                "--level",
                "dave@example.com",
                "--urgent",
                "--executor",
                "ops@example.com,sre@example.com",
                "--executor",
                "oncall@example.com",
                "--channel",
                "#deploys",
                "--expires-after",
                "1d",
                "--callback-url",
                "https://ci.example.com/hook",
                "--idempotency-key",
                "job-42");

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        StubServer.Received sent = server.received("POST", "/api/v1/requests").getFirst();
        assertThat(sent.header("Idempotency-Key")).isEqualTo("job-42");
        assertThat(sent.header("Content-Type")).isEqualTo("application/json");
        assertThat(mapper.readTree(sent.body())).isEqualTo(mapper.readTree("""
                {"type":"deploy","title":"Deploy api v2.3 to prod","description":"Rolls out v2.3",
                 "fields":{"env":"prod","query":"a=b"},"requester":"alice@example.com",
                 "levels":[{"approvers":["bob@example.com","carol@example.com"],"required":1},
                           {"approvers":["dave@example.com"],"required":"all"}],
                 "mode":"urgent","executors":["ops@example.com","sre@example.com","oncall@example.com"],
                 "channel":"#deploys","expiresAfter":"PT24H","callbackUrl":"https://ci.example.com/hook"}
                """));
        assertThat(run.out()).contains("Deploy api v2.3 to prod").containsPattern("id +r-1");
    }

    @Test
    void requestSendsItsRemindersAndEscalationContacts() {
        // given
        server.answer("POST /api/v1/requests", 201, SampleRequests.pending("r-1"));

        // when
        CliRun run = cli(
                "request",
                "--type",
                "deploy",
                "--title",
                "t",
                "--requester",
                "alice@example.com",
                "--level",
                "bob@example.com:1",
                "--remind-every",
                "4h",
                "--max-reminders",
                "2",
                "--escalate-to",
                "lead@example.com,#ops");

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode body = mapper.readTree(
                server.received("POST", "/api/v1/requests").getFirst().body());
        assertThat(body.path("reminders")).isEqualTo(mapper.readTree("""
                {"every":"PT4H","max":2,"escalateTo":["lead@example.com","#ops"]}
                """));
    }

    @Test
    void requestLeavesOutWhatWasNotGivenAndDefaultsToStandardMode() {
        // given
        server.answer("POST /api/v1/requests", 201, SampleRequests.pending("r-1"));

        // when
        CliRun run = cli(
                "request",
                "--type",
                "deploy",
                "--title",
                "t",
                "--requester",
                "alice@example.com",
                "--level",
                "bob@example.com:1");

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode body = mapper.readTree(
                server.received("POST", "/api/v1/requests").getFirst().body());
        assertThat(body.path("mode").asString()).isEqualTo("standard");
        assertThat(body.has("executors")).isFalse();
        assertThat(body.has("expiresAfter")).isFalse();
        assertThat(body.has("reminders")).isFalse();
        assertThat(body.has("description")).isFalse();
        assertThat(server.received().getFirst().header("Idempotency-Key")).isNull();
    }

    @Test
    void sendsTheTokenFromTheEnvironmentAsBearerWithoutEverPrintingIt() {
        // given
        server.answer("GET /api/v1/requests/r-1", 200, SampleRequests.pending("r-1"));
        CliEnvironment environment = new CliEnvironment(
                Map.of("COUNTERSIGN_URL", server.url(), "COUNTERSIGN_API_TOKEN", "s3cret"), workingDirectory);

        // when
        CliRun run = CliRun.run(environment, new FakeTicker(), "status", "r-1");

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(server.received().getFirst().header("Authorization")).isEqualTo("Bearer s3cret");
        assertThat(run.out() + run.err()).doesNotContain("s3cret");
    }

    @Test
    void sendsTheTokenTheServerWroteToTheDataDirectoryWhenNoneIsConfigured() throws IOException {
        // given
        server.answer("GET /api/v1/requests/r-1", 200, SampleRequests.pending("r-1"));
        Files.createDirectories(workingDirectory.resolve("data"));
        Files.writeString(workingDirectory.resolve("data/api-token"), "generated\n");

        // when
        CliRun run = CliRun.run(
                CliRun.emptyEnvironment(workingDirectory), new FakeTicker(), "status", "r-1", "--url", server.url());

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(server.received().getFirst().header("Authorization")).isEqualTo("Bearer generated");
    }

    @Test
    void jsonPrintsTheServersJsonPretty() {
        // given
        server.answer("GET /api/v1/requests/r-1", 200, SampleRequests.pending("r-1"));

        // when
        CliRun run = cli("status", "r-1", "--json");

        // then
        assertThat(run.exitCode()).isZero();
        assertThat(mapper.readTree(run.out())).isEqualTo(mapper.readTree(SampleRequests.pending("r-1")));
        assertThat(run.out()).contains("\n  \"id\" : \"r-1\"");
    }

    @Test
    void aProblemAnswerIsPrintedWithStatusTitleAndDetailAndExitsFour() {
        // given
        server.answer("POST /api/v1/requests/r-1/decisions", 409, """
                {"type":"about:blank","title":"Conflict","status":409,
                 "detail":"request is approved; it accepts no further decisions"}""");

        // when
        CliRun run = cli("decide", "r-1", "--approve", "--approver", "bob@example.com");

        // then
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err())
                .isEqualTo("countersign: 409 Conflict: request is approved; it accepts no further decisions\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anUnauthorizedAnswerSaysWhereTheTokenCameFrom() {
        // given
        server.answer("GET /api/v1/requests/r-1", 401, """
                {"title":"Unauthorized","status":401,"detail":"a valid bearer token is required"}""");

        // when
        CliRun run = cli("status", "r-1", "--token", "wrong-token");

        // then
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err())
                .contains("401 Unauthorized: a valid bearer token is required")
                .contains("the token from --token was not accepted")
                .doesNotContain("wrong-token");
    }

    @Test
    void anErrorWithoutProblemBodyStillNamesTheStatus() {
        // given
        server.answer("GET /api/v1/requests/r-1", 500, "<html>oops</html>");

        // when
        CliRun run = cli("status", "r-1");

        // then
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).isEqualTo("countersign: 500 Internal Server Error\n");
    }

    @Test
    void decideSendsTheVerdictAndReason() {
        // given
        server.answer("POST /api/v1/requests/r-1/decisions", 200, SampleRequests.rejected("r-1"));

        // when
        CliRun run = cli("decide", "r-1", "--reject", "--approver", "bob@example.com", "--reason", "not on a Friday");

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(mapper.readTree(server.received().getFirst().body()))
                .isEqualTo(mapper.readTree(
                        "{\"approver\":\"bob@example.com\",\"verdict\":\"reject\",\"reason\":\"not on a Friday\"}"));
        assertThat(run.out()).containsPattern("status +rejected");
    }

    @Test
    void cancelAndExecuteSendTheirBodiesAndShowTheRequestEvenWhenTheAnswerIsEmpty() {
        // given
        server.answer("POST /api/v1/requests/r-1/cancel", 204, "")
                .answer("POST /api/v1/requests/r-2/execution", 200, SampleRequests.approved("r-2"))
                .answer("GET /api/v1/requests/r-1", 200, SampleRequests.withStatus("r-1", "cancelled", "standard"));

        // when
        CliRun cancel = cli("cancel", "r-1", "--by", "alice@example.com", "--reason", "wrong branch");
        CliRun execute = cli("execute", "r-2", "--executor", "ops@example.com");

        // then
        assertThat(cancel.exitCode()).as(cancel.toString()).isZero();
        assertThat(cancel.out()).containsPattern("status +cancelled");
        assertThat(mapper.readTree(server.received("POST", "/api/v1/requests/r-1/cancel")
                        .getFirst()
                        .body()))
                .isEqualTo(mapper.readTree("{\"by\":\"alice@example.com\",\"reason\":\"wrong branch\"}"));
        assertThat(execute.exitCode()).as(execute.toString()).isZero();
        assertThat(mapper.readTree(server.received("POST", "/api/v1/requests/r-2/execution")
                        .getFirst()
                        .body()))
                .isEqualTo(mapper.readTree("{\"executor\":\"ops@example.com\"}"));
    }

    @Test
    void listPassesOnlyTheGivenFiltersEncoded() {
        // given
        server.answer("GET /api/v1/requests", 200, "{\"items\":[],\"nextCursor\":null}");

        // when
        CliRun run = cli("list", "--status", "pending", "--approver", "bob+ops@example.com", "--limit", "5");

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(server.received().getFirst().query())
                .isEqualTo("status=pending&approver=bob%2Bops%40example.com&limit=5");
        assertThat(run.out()).isEqualTo("No requests match.\n");
    }

    @Test
    void anAnswerThatIsNotJsonIsAServerError() {
        // given
        server.answer("GET /api/v1/requests/r-1", 200, "<html>a login page</html>");

        // when
        CliRun run = cli("status", "r-1");

        // then
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("not JSON");
    }

    private CliRun cli(String... args) {
        String[] withUrl = new String[args.length + 2];
        System.arraycopy(args, 0, withUrl, 0, args.length);
        withUrl[args.length] = "--url";
        withUrl[args.length + 1] = server.url();
        return CliRun.run(CliRun.emptyEnvironment(workingDirectory), new FakeTicker(), withUrl);
    }
}
