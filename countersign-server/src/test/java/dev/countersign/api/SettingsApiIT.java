package dev.countersign.api;

import static dev.countersign.api.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.settings.AdminSettings;
import dev.countersign.settings.Setting;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** The admin settings API: flags and secrets changed at run time, audited, secrets never handed out. */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"countersign.api-token=" + SettingsApiIT.TOKEN, "countersign.secret-key=" + SettingsApiIT.KEY})
@ContextConfiguration(initializers = FreshDataDirectory.class)
class SettingsApiIT {

    static final String TOKEN = "cs-settings-test-token-77a1-0123456789abcdef";
    static final String KEY = "settings-test-key-1c9d2e7f4a0b-6e5d4c3b";
    private static final String BOT_TOKEN = "xoxb-settings-test-9f8e7d6c5b4a";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    AdminSettings settings;

    private ApiClient api() {
        return ApiClient.onPort(port, TOKEN);
    }

    @Test
    void aFlagChangedThroughTheApiIsInForceAtOnceAndAudited() {
        // given
        assertThat(api().get("/api/v1/settings")
                        .json()
                        .path("approverDms")
                        .path("value")
                        .asBoolean())
                .isTrue();

        // when
        var answer = api().patch("/api/v1/settings", "{\"approverDms\": false, \"changedBy\": \"ops@example.com\"}");

        // then
        assertThat(answer.status()).isEqualTo(200);
        JsonNode dms = answer.json().path("approverDms");
        assertThat(dms.path("value").asBoolean()).isFalse();
        assertThat(dms.path("source").asString()).isEqualTo("database");
        assertThat(dms.path("updatedBy").asString()).isEqualTo("ops@example.com");
        assertThat(settings.flag(Setting.APPROVER_DMS, true)).isFalse();
        assertThat(api().get("/api/v1/settings/changes").json().toString())
                .contains("\"setting\":\"approverDms\"", "\"change\":\"off\"", "ops@example.com");

        // and back to the configuration
        api().patch("/api/v1/settings", "{\"approverDms\": null}");
        assertThat(settings.flag(Setting.APPROVER_DMS, true)).isTrue();
        assertThat(api().get("/api/v1/settings")
                        .json()
                        .path("approverDms")
                        .path("source")
                        .asString())
                .isEqualTo("configuration");
    }

    @Test
    void aStoredSecretIsSealedInTheDatabaseAndNeverShown() {
        // when
        var answer = api().patch("/api/v1/settings", "{\"slackBotToken\": \"" + BOT_TOKEN + "\"}");

        // then
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("slackBotToken").path("set").asBoolean()).isTrue();
        assertThat(answer.body()).doesNotContain(BOT_TOKEN);
        assertThat(api().get("/api/v1/settings").body()).doesNotContain(BOT_TOKEN);
        assertThat(api().get("/api/v1/settings/changes").body())
                .doesNotContain(BOT_TOKEN)
                .contains("\"set\"");
        String stored = jdbc.sql("select setting_value from admin_setting where name = 'SLACK_BOT_TOKEN'")
                .query(String.class)
                .single();
        assertThat(stored).doesNotContain(BOT_TOKEN).startsWith("v2:");
        assertThat(settings.secret(Setting.SLACK_BOT_TOKEN)).contains(BOT_TOKEN);
    }

    @Test
    void aSecretStoredUnderAnotherKeyDoesNotOpen() {
        // given
        api().patch("/api/v1/settings", "{\"slackSigningSecret\": \"a-signing-secret-5e4d\"}");

        // when: another instance configured with a different key reads the same database
        var otherKey = new AdminSettings(
                jdbc,
                new TransactionTemplate(transactions),
                "a-different-key-for-this-db-00000",
                Clock.systemUTC(),
                Duration.ZERO);

        // then
        assertThatThrownBy(() -> otherKey.secret(Setting.SLACK_SIGNING_SECRET))
                .hasMessageContaining("does not open with COUNTERSIGN_SECRET_KEY")
                .hasMessageNotContaining("a-signing-secret-5e4d");
    }

    @Test
    void aSecretCopiedToAnotherSettingsRowIsUnreadableNotACrashUntilStoredAgain() {
        // given: someone who can write the table copies the bot token's sealed value into the signing secret's row
        api().patch("/api/v1/settings", "{\"slackBotToken\": \"" + BOT_TOKEN + "\"}");
        String sealed = jdbc.sql("select setting_value from admin_setting where name = 'SLACK_BOT_TOKEN'")
                .query(String.class)
                .single();
        api().patch("/api/v1/settings", "{\"slackSigningSecret\": \"a-signing-secret-7f6e\"}");
        jdbc.sql("update admin_setting set setting_value = ? where name = 'SLACK_SIGNING_SECRET'")
                .param(sealed)
                .update();
        var reader =
                new AdminSettings(jdbc, new TransactionTemplate(transactions), KEY, Clock.systemUTC(), Duration.ZERO);

        // when / then: the copy does not open as the signing secret, and says why without showing either value
        assertThatThrownBy(() -> reader.secret(Setting.SLACK_SIGNING_SECRET))
                .isInstanceOf(dev.countersign.settings.SettingsUnavailable.class)
                .hasMessageContaining("slackSigningSecret does not open")
                .hasMessageNotContaining(BOT_TOKEN);
        assertThat(reader.secret(Setting.SLACK_BOT_TOKEN)).contains(BOT_TOKEN);
        var shown = api().get("/api/v1/settings");
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().path("slackSigningSecret").path("set").asBoolean())
                .isTrue();

        // and storing it again mends it
        assertThat(api().patch("/api/v1/settings", "{\"slackSigningSecret\": \"a-signing-secret-7f6e\"}")
                        .status())
                .isEqualTo(200);
        assertThat(reader.secret(Setting.SLACK_SIGNING_SECRET)).contains("a-signing-secret-7f6e");
        api().patch("/api/v1/settings", "{\"slackSigningSecret\": null, \"slackBotToken\": null}");
    }

    @Test
    void anotherInstanceSeesAChangeWithinItsRefresh() {
        // given: a second instance on the same database, reading afresh every time
        var otherInstance =
                new AdminSettings(jdbc, new TransactionTemplate(transactions), KEY, Clock.systemUTC(), Duration.ZERO);
        boolean before = otherInstance.flag(Setting.SLACK_NOTIFICATIONS, true);

        // when
        api().patch("/api/v1/settings", "{\"slackNotifications\": " + !before + "}");

        // then
        assertThat(otherInstance.flag(Setting.SLACK_NOTIFICATIONS, true)).isEqualTo(!before);
        api().patch("/api/v1/settings", "{\"slackNotifications\": null}");
    }

    @Test
    void withoutASecretKeyNoSecretCanBeStored() {
        // given
        var keyless =
                new AdminSettings(jdbc, new TransactionTemplate(transactions), null, Clock.systemUTC(), Duration.ZERO);

        // when / then
        assertThatThrownBy(() -> keyless.change(Map.of(Setting.SLACK_BOT_TOKEN, Optional.of(BOT_TOKEN)), "admin"))
                .hasMessageContaining("COUNTERSIGN_SECRET_KEY is not set");
        assertThat(keyless.canStoreSecrets()).isFalse();
    }

    @Test
    void badChangesAreRefusedAndChangeNothing() {
        // given
        String before = api().get("/api/v1/settings").body();

        // when / then
        assertThatProblem(api().patch("/api/v1/settings", "{\"slackDecisions\": \"no\"}"))
                .is(400)
                .detailContains("slackDecisions must be true or false");
        assertThatProblem(api().patch("/api/v1/settings", "{\"approverDms\": false, \"colour\": \"blue\"}"))
                .is(400)
                .detailContains("'colour' is not a setting");
        assertThatProblem(api().patch("/api/v1/settings", "{}")).is(400).detailContains("nothing to change");
        assertThatProblem(api().patch("/api/v1/settings", "[true]")).is(400);
        assertThat(api().get("/api/v1/settings").body()).isEqualTo(before);
        assertThatProblem(api().withToken("wrong-token").patch("/api/v1/settings", "{\"approverDms\": false}"))
                .is(401);
    }
}
