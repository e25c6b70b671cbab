package dev.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.CountersignServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The delegation commands against the whole server on a random port: set one up, list it, decide as the delegate,
 * revoke it; mistakes answered with a message and the exit code scripts act on.
 */
@SpringBootTest(
        classes = CountersignServer.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "countersign.api-token=test-token-0123456789abcdef0123456789",
            "countersign.data-dir=${java.io.tmpdir}/cs-cli-delegation-test-${random.uuid}"
        })
class CliDelegationIT {

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final String domain = "@" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
    private final String alice = "alice" + domain;
    private final String bob = "bob" + domain;
    private final String dave = "dave" + domain;

    private final java.util.Map<String, String> personalTokens = new java.util.HashMap<>();

    @LocalServerPort
    int port;

    @TempDir
    Path workingDirectory;

    @Test
    void delegateListDecideOnBehalfAndRevoke() {
        // when: bob delegates to dave for three days
        CliRun delegated = cli("delegate", "--from", bob, "--to", dave, "--for", "3d", "--reason", "on holiday");

        // then
        assertThat(delegated.exitCode()).as(delegated.toString()).isZero();
        assertThat(delegated.out())
                .startsWith(bob + " -> " + dave + "\n")
                .containsPattern("status +active")
                .containsPattern("reason +on holiday");
        String id = id(delegated.out());

        // when: listed, as text and as JSON
        CliRun listed = cli("delegations", "--from", bob, "--active");
        CliRun listedJson = cli("delegations", "--to", dave, "--json");

        // then
        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        assertThat(listed.out())
                .startsWith("ID")
                .contains(id)
                .contains("active")
                .contains(bob)
                .contains(dave);
        assertThat(json(listedJson).path("items"))
                .extracting(d -> d.path("id").asString())
                .containsExactly(id);

        // when: a request asks bob, and dave decides on his behalf
        CliRun request = cli(
                "request",
                "--type",
                "deploy",
                "--title",
                "Deploy",
                "--requester",
                alice,
                "--level",
                bob + ":all",
                "--json");
        String requestId = json(request).path("id").asString();
        CliRun decided = asPerson(dave, "decide", requestId, "--approve", "--on-behalf-of", bob);

        // then
        assertThat(decided.exitCode()).as(decided.toString()).isZero();
        assertThat(decided.out()).contains(dave).contains("on behalf of " + bob);

        // when: revoked
        CliRun revoked = cli("revoke-delegation", id, "--by", bob);

        // then
        assertThat(revoked.exitCode()).as(revoked.toString()).isZero();
        assertThat(revoked.out()).containsPattern("status +revoked").containsPattern("revoked +.* by " + bob);
        assertThat(cli("delegations", "--from", bob, "--active").out()).isEqualTo("No delegations match.\n");

        // and a second revocation is refused by the server
        CliRun again = cli("revoke-delegation", id);
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(4);
        assertThat(again.err()).contains("409").contains("already revoked");
    }

    @Test
    void aDelegationWithAStartAndAnEndIsScheduled() {
        // when
        CliRun delegated = cli(
                "delegate",
                "--from",
                bob,
                "--to",
                dave,
                "--starts",
                "2099-01-01T08:00:00Z",
                "--ends",
                "2099-01-08T08:00:00+01:00",
                "--json");

        // then
        assertThat(delegated.exitCode()).as(delegated.toString()).isZero();
        JsonNode view = json(delegated);
        assertThat(view.path("status").asString()).isEqualTo("scheduled");
        assertThat(view.path("endsAt").asString()).isEqualTo("2099-01-08T07:00:00Z");
    }

    @Test
    void mistakesAreUsageErrorsOrTheServersRefusal() {
        // a bad time, no end, both ends: usage errors, nothing sent
        CliRun badTime = cli("delegate", "--from", bob, "--to", dave, "--ends", "friday");
        assertThat(badTime.exitCode()).as(badTime.toString()).isEqualTo(3);
        assertThat(badTime.err()).contains("not an ISO-8601 time");
        CliRun noEnd = cli("delegate", "--from", bob, "--to", dave);
        assertThat(noEnd.exitCode()).as(noEnd.toString()).isEqualTo(3);
        CliRun bothEnds = cli(
                "delegate",
                "--from",
                bob,
                "--to",
                dave,
                "--for",
                "1d",
                "--ends",
                Instant.now().plus(Duration.ofDays(2)).toString());
        assertThat(bothEnds.exitCode()).as(bothEnds.toString()).isEqualTo(3);

        // delegating to oneself: the server's 422, exit 4
        CliRun self = cli("delegate", "--from", bob, "--to", bob, "--for", "1d");
        assertThat(self.exitCode()).as(self.toString()).isEqualTo(4);
        assertThat(self.err()).contains("422").contains("same person");

        // an unknown id
        CliRun unknown = cli("revoke-delegation", "0".repeat(32));
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(4);
        assertThat(unknown.err()).contains("404");
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
        withServer.addAll(List.of("--url", "http://127.0.0.1:" + port));
        return CliRun.run(
                new CliEnvironment(java.util.Map.of("COUNTERSIGN_TOKEN", token), workingDirectory),
                Ticker.system(),
                withServer.toArray(String[]::new));
    }

    private CliRun cli(String... args) {
        List<String> withServer = new ArrayList<>(List.of(args));
        withServer.addAll(
                List.of("--url", "http://127.0.0.1:" + port, "--token", "test-token-0123456789abcdef0123456789"));
        return CliRun.run(
                CliRun.emptyEnvironment(workingDirectory), Ticker.system(), withServer.toArray(String[]::new));
    }

    private JsonNode json(CliRun run) {
        assertThat(run.out()).as(run.toString()).isNotBlank();
        return mapper.readTree(run.out());
    }

    private static String id(String text) {
        return text.lines()
                .filter(line -> line.strip().startsWith("id "))
                .map(line -> line.strip().substring(3).strip())
                .findFirst()
                .orElseThrow();
    }
}
