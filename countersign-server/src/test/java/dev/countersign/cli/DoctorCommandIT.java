package dev.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.emulator.EmulatedUser;
import dev.countersign.emulator.EmulatorSettings;
import dev.countersign.emulator.SlackEmulator;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code countersign doctor} against the emulator, with the environment variables an operator would set, and an
 * embedded database in a directory of the test's own.
 */
class DoctorCommandIT {

    private static SlackEmulator slack;
    private static SlackEmulator stingySlack;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void startSlack() {
        slack = SlackEmulator.start(EmulatorSettings.defaults().withBotToken("xoxb-doctor-good-4c1e"));
        // An install where someone forgot two scopes in the app's settings.
        stingySlack = SlackEmulator.start(EmulatorSettings.defaults()
                .withBotToken("xoxb-doctor-stingy-9d2f")
                .withGrantedScopes(List.of("chat:write", "im:write", "im:history", "users:read")));
    }

    @AfterAll
    static void stopSlack() {
        slack.close();
        stingySlack.close();
    }

    @Test
    void aGoodSetUpPassesEveryCheckAndExitsZero() {
        // given: Slack in HTTP mode, and a database that 'serve' has migrated
        migrate();

        // when
        CliRun run = doctor(httpMode(slack));

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out())
                .contains(
                        "✓ Slack",
                        "HTTP mode",
                        "✓ Bot token",
                        "U0EMULBOT",
                        "✓ Scopes",
                        "✓ Signing secret",
                        "✓ Base URL",
                        "✓ Database",
                        "H2",
                        "✓ Migrations",
                        "up to date",
                        "All set.")
                .doesNotContain("✗")
                .doesNotContain("xoxb-doctor-good-4c1e");
    }

    @Test
    void aMissingScopeIsNamedWithItsFixAndExitsNonZero() {
        // when
        CliRun run = doctor(httpMode(stingySlack));

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out())
                .contains("✓ Bot token")
                .contains("✗ Scopes")
                .contains("missing users:read.email, commands")
                .contains("fix: add users:read.email, commands under OAuth & Permissions > Bot Token Scopes, then "
                        + "reinstall the app")
                .contains("1 problem found.");
    }

    @Test
    void aTokenSlackRefusesIsReportedAsInvalidAuthWithoutShowingTheToken() {
        // given
        Map<String, String> env = httpMode(slack);
        env.put("SLACK_BOT_TOKEN", "xoxb-revoked-0000-secret");

        // when
        CliRun run = doctor(env);

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out())
                .contains("✗ Bot token")
                .contains("Slack refused the bot token (auth.test: invalid_auth)")
                .contains("fix: copy the Bot User OAuth Token (xoxb-…)")
                .doesNotContain("xoxb-revoked-0000-secret");
    }

    @Test
    void withDmItSendsATestMessageThePersonSees() {
        // given
        EmulatedUser ada = slack.addUser("ada", "ada-" + System.nanoTime() + "@example.com");

        // when
        CliRun run = doctor(httpMode(slack), "--dm", ada.email());

        // then
        assertThat(run.out()).as(run.toString()).contains("✓ Test DM", "sent to " + ada.email());
        assertThat(slack.dms(ada.id()))
                .hasSize(1)
                .first()
                .satisfies(message -> assertThat(message.visibleText()).contains("Countersign test message"));
    }

    @Test
    void withDmToSomeoneSlackDoesNotKnowItSaysSo() {
        // when
        CliRun run = doctor(httpMode(slack), "--dm", "nobody@nowhere.example");

        // then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("✗ Test DM", "no Slack user found for nobody@nowhere.example", "users_not_found");
    }

    @Test
    void jsonOutputListsEveryCheckForScripts() {
        // when
        CliRun run = doctor(httpMode(stingySlack), "--json");

        // then
        JsonNode json = JsonMapper.builder().build().readTree(run.out());
        assertThat(json.path("healthy").asBoolean()).isFalse();
        assertThat(json.path("checks"))
                .extracting(check -> check.path("id").asString() + "="
                        + check.path("outcome").asString())
                .contains("bot-token=ok", "scopes=fail", "signing-secret=ok");
        // a database 'serve' has not created yet is no fault: serve creates it
        assertThat(json.path("checks"))
                .extracting(check -> check.path("id").asString() + "="
                        + check.path("outcome").asString())
                .contains("database=warn");
    }

    @Test
    void socketModeChecksTheAppTokenInsteadOfTheSigningSecret() {
        // given
        Map<String, String> env = socketMode(slack);
        migrate();

        // when
        CliRun good = doctor(env);
        env.put("SLACK_APP_TOKEN", "xapp-1-A0EMULATED-revoked");
        CliRun refused = doctor(env);

        // then
        assertThat(good.exitCode()).as(good.toString()).isZero();
        assertThat(good.out()).contains("Socket Mode", "✓ App token").doesNotContain("Signing secret");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out()).contains("✗ App token", "apps.connections.open: invalid_auth", "connections:write");
    }

    @Test
    void aSettingServeWouldRefuseIsExplainedInsteadOfACrash() {
        // given: the token without its secret
        Map<String, String> env = httpMode(slack);
        env.remove("SLACK_SIGNING_SECRET");

        // when
        CliRun run = doctor(env);

        // then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("✗ Configuration", "SLACK_SIGNING_SECRET missing");
    }

    @Test
    void withoutSlackItSaysHowToSetItUp() {
        // when
        CliRun run = doctor(new HashMap<>(Map.of("COUNTERSIGN_DATA_DIR", dataDir.toString())));

        // then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("✗ Slack", "Slack is not configured", "SLACK_APP_TOKEN");
    }

    @Test
    void withASecretKeyButNoTokenItPointsAtTheStoredSettingsInsteadOfFailing() {
        // given: credentials an administrator may have stored in the database, which only the server can open
        Map<String, String> env = new HashMap<>(Map.of(
                "COUNTERSIGN_DATA_DIR",
                dataDir.toString(),
                "COUNTERSIGN_SECRET_KEY",
                "a-long-random-key-for-sealing-secrets-0123456789"));

        // when
        CliRun run = doctor(env);

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out())
                .contains("! Slack", "may be stored with the settings API", "GET /actuator/health")
                .doesNotContain("a-long-random-key");
    }

    private Map<String, String> httpMode(SlackEmulator emulator) {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_BOT_TOKEN", emulator.botToken());
        env.put("SLACK_SIGNING_SECRET", emulator.signingSecret());
        env.put("COUNTERSIGN_SLACK_API_URL", emulator.apiUrl());
        env.put("COUNTERSIGN_DATA_DIR", dataDir.toString());
        return env;
    }

    private Map<String, String> socketMode(SlackEmulator emulator) {
        Map<String, String> env = httpMode(emulator);
        env.remove("SLACK_SIGNING_SECRET");
        env.put("SLACK_APP_TOKEN", emulator.appToken());
        return env;
    }

    /** What 'serve' does to the embedded database at start-up. */
    private void migrate() {
        Flyway.configure()
                .dataSource(
                        "jdbc:h2:file:" + dataDir + "/countersign;MODE=PostgreSQL;"
                                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                        "",
                        "")
                .locations("classpath:db/migration", "classpath:db/vendor/h2")
                .load()
                .migrate();
    }

    private CliRun doctor(Map<String, String> env, String... options) {
        String[] args = new String[options.length + 1];
        args[0] = "doctor";
        System.arraycopy(options, 0, args, 1, options.length);
        return CliRun.run(new CliEnvironment(env, dataDir), new FakeTicker(), args);
    }
}
