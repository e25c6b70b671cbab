package dev.countersign.doctor;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.model.block.LayoutBlock;
import dev.countersign.CountersignProperties;
import dev.countersign.slack.SlackSettings;
import dev.countersign.slack.SocketModeConnection;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

/**
 * The set-up checks themselves. Each says what it found and, when something is wrong, the one thing to do about
 * it. Nothing here changes anything, except the test DM that {@link #testDm} sends on purpose.
 */
public final class SetupChecks {

    /** The bot scopes Countersign's features use; the app manifest asks for exactly these. */
    public static final List<String> NEEDED_SCOPES =
            List.of("chat:write", "im:write", "im:history", "users:read", "users:read.email", "commands");

    /** H2's "database not found" and "database in use by another process". */
    private static final int H2_NOT_FOUND = 90146;

    private static final int H2_IN_USE = 90020;

    private final SlackSettings slackSettings;
    private final CountersignProperties properties;
    private final Supplier<Slack> slack;
    private final DataSource dataSource;
    private final Flyway flyway;
    private final SocketModeConnection connection;
    private final Supplier<String> botToken;
    private final boolean secretKeySet;

    /**
     * @param flyway     {@code null} when Flyway is off
     * @param connection the running service's Socket Mode connection; {@code null} outside the service, where the
     *                   app token is checked by asking Slack for a connection URL
     * @param botToken     the bot token in force (the service's may come from the admin settings)
     * @param secretKeySet whether {@code COUNTERSIGN_SECRET_KEY} is set, so that a token may be stored in the database
     */
    public SetupChecks(
            SlackSettings slackSettings,
            CountersignProperties properties,
            Supplier<Slack> slack,
            DataSource dataSource,
            Flyway flyway,
            SocketModeConnection connection,
            Supplier<String> botToken,
            boolean secretKeySet) {
        this.botToken = botToken;
        this.secretKeySet = secretKeySet;
        this.slackSettings = slackSettings;
        this.properties = properties;
        this.slack = slack;
        this.dataSource = dataSource;
        this.flyway = flyway;
        this.connection = connection;
    }

    // ---- Slack

    public boolean slackConfigured() {
        return botToken.get() != null;
    }

    /** Mode, bot token, scopes, signing secret or app token, base URL. */
    public List<Check> slack() {
        List<Check> checks = new ArrayList<>();
        if (!slackConfigured() && secretKeySet) {
            checks.add(Check.warn(
                    "slack",
                    "Slack",
                    "no bot token configured; COUNTERSIGN_SECRET_KEY is set, so one "
                            + "may be stored with the settings API",
                    "ask the running server (GET /actuator/health), or "
                            + "store slackBotToken with PATCH /api/v1/settings"));
            return checks;
        }
        if (!slackConfigured()) {
            checks.add(Check.fail(
                    "slack",
                    "Slack",
                    "Slack is not configured: Countersign runs API-only and " + "tells nobody in Slack",
                    "set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (Slack calls "
                            + "/slack/events) or with SLACK_APP_TOKEN (Socket Mode); see README, Set up Slack"));
            return checks;
        }
        checks.add(Check.ok(
                "slack",
                "Slack",
                (slackSettings.socketMode()
                                ? "Socket Mode: Countersign connects out to Slack, no Request URL needed"
                                : "HTTP mode: Slack calls the Request URL POST /slack/events")
                        + "; Web API at " + slackSettings.apiUrl()));
        AuthTestResponse auth = authTest(checks);
        if (auth != null) {
            checks.add(scopes(auth));
        }
        if (slackSettings.socketMode()) {
            checks.add(appToken());
        } else {
            checks.add(Check.ok(
                    "signing-secret", "Signing secret", "set: callbacks to /slack/events are " + "verified with it"));
        }
        checks.add(baseUrl());
        return checks;
    }

    private AuthTestResponse authTest(List<Check> checks) {
        String title = "Bot token";
        MethodsClient methods = slack.get().methods(botToken.get());
        AuthTestResponse auth;
        try {
            auth = methods.authTest(r -> r);
        } catch (IOException | SlackApiException | RuntimeException e) {
            checks.add(unreachable("bot-token", title, e));
            return null;
        }
        if (!auth.isOk()) {
            checks.add(Check.fail(
                    "bot-token",
                    title,
                    "Slack refused the bot token (auth.test: " + auth.getError() + ")",
                    tokenFix(auth.getError())));
            return null;
        }
        if (auth.getBotId() == null) {
            checks.add(Check.fail(
                    "bot-token",
                    title,
                    "the token works but is not a bot's (auth.test names no " + "bot)",
                    "use the Bot User OAuth Token (xoxb-…) from OAuth & Permissions, not a user token"));
            return null;
        }
        checks.add(Check.ok(
                "bot-token",
                title,
                "bot " + auth.getUser() + " (" + auth.getUserId() + ") in " + auth.getTeam() + " (" + auth.getTeamId()
                        + ")"));
        return auth;
    }

    private static String tokenFix(String error) {
        return switch (error == null ? "" : error) {
            case "token_revoked", "token_expired", "account_inactive", "app_uninstalled" ->
                "the token no longer works (was the app uninstalled?): reinstall the app to the workspace and "
                        + "put its new Bot User OAuth Token (xoxb-…) in SLACK_BOT_TOKEN";
            case "not_allowed_token_type" ->
                "SLACK_BOT_TOKEN must be the Bot User OAuth Token (xoxb-…), not an "
                        + "app-level (xapp-…) or user token";
            default ->
                "copy the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page into "
                        + "SLACK_BOT_TOKEN";
        };
    }

    private static Check scopes(AuthTestResponse auth) {
        String title = "Scopes";
        List<String> header = auth.getHttpResponseHeaders() == null
                ? null
                : auth.getHttpResponseHeaders().get("x-oauth-scopes");
        if (header == null || header.isEmpty()) {
            return Check.warn(
                    "scopes",
                    title,
                    "Slack did not say which scopes the token has (no x-oauth-scopes " + "header)",
                    "check OAuth & Permissions > Bot Token Scopes lists " + String.join(", ", NEEDED_SCOPES));
        }
        Set<String> granted = Arrays.stream(String.join(",", header).split(","))
                .map(String::strip)
                .filter(scope -> !scope.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> missing =
                NEEDED_SCOPES.stream().filter(scope -> !granted.contains(scope)).toList();
        if (!missing.isEmpty()) {
            return Check.fail(
                    "scopes",
                    title,
                    "missing " + String.join(", ", missing) + " (granted: " + String.join(", ", granted) + ")",
                    "add " + String.join(", ", missing) + " under OAuth & "
                            + "Permissions > Bot Token Scopes, then reinstall the app to the workspace");
        }
        return Check.ok("scopes", title, "all needed scopes granted: " + String.join(", ", NEEDED_SCOPES));
    }

    private Check appToken() {
        String title = "App token";
        if (connection != null) {
            return connection.open()
                    ? Check.ok("app-token", title, "Socket Mode connection to Slack is open")
                    : Check.fail(
                            "app-token",
                            title,
                            "no Socket Mode connection to Slack right now (it reconnects "
                                    + "by itself within seconds)",
                            "if this lasts, see the log for why Slack refuses; run "
                                    + "'countersign doctor' to check SLACK_APP_TOKEN");
        }
        try {
            var open = slack.get().methods().appsConnectionsOpen(r -> r.token(slackSettings.appToken()));
            if (!open.isOk()) {
                return Check.fail(
                        "app-token",
                        title,
                        "Slack refused SLACK_APP_TOKEN (apps.connections.open: " + open.getError() + ")",
                        "generate an app-level token with the connections:write scope "
                                + "under Basic Information > App-Level Tokens, turn Socket Mode on, and put it in "
                                + "SLACK_APP_TOKEN");
            }
            return Check.ok("app-token", title, "Slack accepts it: a Socket Mode connection can be opened");
        } catch (IOException | SlackApiException | RuntimeException e) {
            return unreachable("app-token", title, e);
        }
    }

    Check baseUrl() {
        String title = "Base URL";
        URI base = properties.baseUrl();
        boolean real = slackSettings.realSlack();
        if (base == null) {
            if (!real) {
                return Check.ok(
                        "base-url",
                        title,
                        "COUNTERSIGN_BASE_URL not set: links point at this machine, " + "fine with an emulated Slack");
            }
            return Check.fail(
                    "base-url",
                    title,
                    "COUNTERSIGN_BASE_URL is not set: links in Slack messages would " + "point at localhost",
                    "set COUNTERSIGN_BASE_URL to the address people open Countersign at, "
                            + "e.g. https://approvals.example.com");
        }
        if (real && isLocal(base.getHost())) {
            return Check.fail(
                    "base-url",
                    title,
                    base + " is this machine: nobody in Slack can open it",
                    "set COUNTERSIGN_BASE_URL to the public address, e.g. https://approvals.example.com");
        }
        String requestUrl = slackSettings.socketMode() ? "" : "; Request URL " + base.resolve("/slack/events");
        if (real && !"https".equals(base.getScheme()) && !slackSettings.socketMode()) {
            return Check.warn(
                    "base-url",
                    title,
                    base + " is not https: Slack accepts only https Request URLs",
                    "serve Countersign behind TLS and set COUNTERSIGN_BASE_URL to its https address");
        }
        return Check.ok("base-url", title, "links point at " + base + requestUrl);
    }

    private static boolean isLocal(String host) {
        if (host == null) {
            return true;
        }
        String h = host.toLowerCase();
        return h.equals("localhost")
                || h.endsWith(".localhost")
                || h.startsWith("127.")
                || h.equals("0.0.0.0")
                || h.equals("[::1]")
                || h.equals("::1");
    }

    private Check unreachable(String id, String title, Exception e) {
        if (e instanceof SlackApiException http) {
            return Check.fail(
                    id,
                    title,
                    "Slack answered HTTP " + http.getResponse().code() + " at " + slackSettings.apiUrl(),
                    "try again in a minute; if it persists, check "
                            + "COUNTERSIGN_SLACK_API_URL and Slack's status page");
        }
        return Check.fail(
                id,
                title,
                "cannot reach Slack's Web API at " + slackSettings.apiUrl() + ": "
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()),
                "check this machine's network, COUNTERSIGN_SLACK_PROXY_URL and COUNTERSIGN_SLACK_API_URL");
    }

    // ---- database

    /** Reachable, and its schema at the version this Countersign expects. */
    public List<Check> database() {
        List<Check> checks = new ArrayList<>();
        String title = "Database";
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            checks.add(Check.ok(
                    "database",
                    title,
                    meta.getDatabaseProductName() + " "
                            + meta.getDatabaseProductVersion().split(" ")[0]
                            + (properties.db().url() == null
                                    ? ", embedded in "
                                            + properties
                                                    .dataDir()
                                                    .toAbsolutePath()
                                                    .normalize()
                                    : "")));
        } catch (SQLException e) {
            if (e.getErrorCode() == H2_NOT_FOUND) {
                checks.add(Check.warn(
                        "database",
                        title,
                        "no embedded database in "
                                + properties.dataDir().toAbsolutePath().normalize() + " yet",
                        "nothing to do: 'countersign serve' creates it (or set COUNTERSIGN_DATA_DIR to where it is)"));
                return checks;
            }
            if (e.getErrorCode() == H2_IN_USE) {
                checks.add(Check.warn(
                        "database",
                        title,
                        "the embedded database is open in a running Countersign " + "(only one process may open it)",
                        "ask the running server instead: GET " + "/actuator/health shows these checks"));
                return checks;
            }
            checks.add(Check.fail(
                    "database",
                    title,
                    "cannot connect: " + firstLine(e.getMessage()),
                    "check COUNTERSIGN_DB_URL, COUNTERSIGN_DB_USER and COUNTERSIGN_DB_PASSWORD, and that the "
                            + "database server is running"));
            return checks;
        }
        checks.add(migrations());
        return checks;
    }

    /** Flyway's view: applied, pending, failed, or newer than this Countersign. */
    public Check migrations() {
        String title = "Migrations";
        if (flyway == null) {
            return Check.warn(
                    "migrations",
                    title,
                    "not checked: Flyway is turned off (spring.flyway.enabled)",
                    "turn Flyway back on unless the schema is managed some other way");
        }
        MigrationInfoService info;
        try {
            info = flyway.info();
        } catch (RuntimeException e) {
            return Check.fail(
                    "migrations",
                    title,
                    "cannot read the schema history: " + firstLine(e.getMessage()),
                    "check that the database user may read flyway_schema_history");
        }
        List<String> failed = Arrays.stream(info.all())
                .filter(m -> m.getState().isFailed())
                .map(m -> "V" + m.getVersion())
                .toList();
        if (!failed.isEmpty()) {
            return Check.fail(
                    "migrations",
                    title,
                    "migration " + String.join(", ", failed) + " failed",
                    "restore the database from a backup, or repair it by hand and run 'flyway repair'");
        }
        List<String> future = Arrays.stream(info.all())
                .filter(m -> m.getState().name().startsWith("FUTURE"))
                .map(m -> "V" + m.getVersion())
                .toList();
        if (!future.isEmpty()) {
            return Check.fail(
                    "migrations",
                    title,
                    "the database has migrations this Countersign does not know (" + String.join(", ", future)
                            + "): a newer version ran on it",
                    "run that newer version " + "of Countersign");
        }
        MigrationInfo current = info.current();
        String at = current == null ? "empty" : "at V" + current.getVersion();
        MigrationInfo[] pending = info.pending();
        if (pending.length > 0) {
            return Check.warn(
                    "migrations",
                    title,
                    "schema " + at + ", " + pending.length + " migration"
                            + (pending.length == 1 ? "" : "s") + " pending (up to V"
                            + pending[pending.length - 1].getVersion() + ")",
                    "nothing to do: 'countersign serve' applies them when it starts");
        }
        return Check.ok("migrations", title, "schema " + at + ", up to date");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    // ---- test DM

    /** Finds the person by email, opens a DM and posts a short test message. */
    public Check testDm(String email) {
        String title = "Test DM";
        if (!slackConfigured()) {
            return Check.fail("dm", title, "not sent: Slack is not configured", "configure Slack first");
        }
        MethodsClient methods = slack.get().methods(botToken.get());
        try {
            var user = methods.usersLookupByEmail(r -> r.email(email));
            if (!user.isOk()) {
                return Check.fail(
                        "dm",
                        title,
                        "no Slack user found for " + email + " (users.lookupByEmail: " + user.getError() + ")",
                        "users_not_found".equals(user.getError())
                                ? "check the address is the one on that person's Slack profile"
                                : fixFor(user));
            }
            String userId = user.getUser().getId();
            var im = methods.conversationsOpen(r -> r.users(List.of(userId)));
            if (!im.isOk()) {
                return Check.fail(
                        "dm",
                        title,
                        "cannot open a DM with " + userId + " (conversations.open: " + im.getError() + ")",
                        fixFor(im));
            }
            List<LayoutBlock> blocks = List.of(
                    section(s -> s.text(markdownText("*Countersign test message* :wave:\nIf you can read this, "
                            + "Countersign can reach you in Slack: approval requests will arrive here."))),
                    context(c -> c.elements(List.of(markdownText("Sent by `countersign doctor --dm`.")))));
            var posted = methods.chatPostMessage(r -> r.channel(im.getChannel().getId())
                    .blocks(blocks)
                    .text("Countersign test message: Countersign can reach you in Slack."));
            if (!posted.isOk()) {
                return Check.fail(
                        "dm", title, "could not post (chat.postMessage: " + posted.getError() + ")", fixFor(posted));
            }
            return Check.ok("dm", title, "sent to " + email + " (" + userId + ") in " + posted.getChannel());
        } catch (IOException | SlackApiException | RuntimeException e) {
            return unreachable("dm", title, e);
        }
    }

    private static String fixFor(SlackApiTextResponse response) {
        if ("missing_scope".equals(response.getError())) {
            return "add " + response.getNeeded() + " under OAuth & Permissions > Bot Token Scopes, then reinstall "
                    + "the app";
        }
        return "see Slack's documentation of the error '" + response.getError() + "'";
    }
}
