package dev.countersign.slack;

import dev.countersign.slack.render.OverviewBlocks;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Slack app manifest Countersign needs (what {@code countersign slack-manifest} prints): the bot scopes, the
 * one Request URL for interactivity, the {@code /approvals} command and events, the App Home tab. As a tree of maps
 * and lists in Slack's field order, ready for any YAML or JSON writer.
 */
public final class SlackAppManifest {

    /** Where Slack sends clicks, slash commands and events; the service serves it. */
    public static final String REQUEST_PATH = "/slack/events";

    /** The bot scopes Countersign uses, each with what for. */
    public static final Map<String, String> BOT_SCOPES = scopes();

    private SlackAppManifest() {}

    /** For a service Slack reaches at {@code baseUrl} (HTTP mode). */
    public static Map<String, Object> forRequestUrl(URI baseUrl) {
        String base = baseUrl.toString();
        return manifest(stripSlash(base) + REQUEST_PATH);
    }

    /** For Socket Mode: the service connects out to Slack, so nothing has a public URL. */
    public static Map<String, Object> forSocketMode() {
        return manifest(null);
    }

    private static Map<String, Object> manifest(String requestUrl) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put(
                "display_information",
                ordered(
                        "name", "Countersign",
                        "description", "Approvals for automation, decided where your team already is"));

        Map<String, Object> command = ordered(
                "command",
                OverviewBlocks.COMMAND,
                "description",
                "Your pending approvals and your open requests",
                "usage_hint",
                "[request id | help]",
                "should_escape",
                false);
        if (requestUrl != null) {
            command = ordered(
                    "command",
                    OverviewBlocks.COMMAND,
                    "url",
                    requestUrl,
                    "description",
                    command.get("description"),
                    "usage_hint",
                    command.get("usage_hint"),
                    "should_escape",
                    false);
        }
        manifest.put(
                "features",
                ordered(
                        "app_home",
                                ordered(
                                        "home_tab_enabled", true,
                                        "messages_tab_enabled", true,
                                        // Countersign talks in DMs but reads no replies there.
                                        "messages_tab_read_only_enabled", true),
                        "bot_user", ordered("display_name", "Countersign", "always_online", true),
                        "slash_commands", List.of(command)));
        manifest.put("oauth_config", ordered("scopes", ordered("bot", List.copyOf(BOT_SCOPES.keySet()))));

        Map<String, Object> events = new LinkedHashMap<>();
        if (requestUrl != null) {
            events.put("request_url", requestUrl);
        }
        events.put("bot_events", List.of("app_home_opened"));
        Map<String, Object> interactivity = new LinkedHashMap<>();
        interactivity.put("is_enabled", true);
        if (requestUrl != null) {
            interactivity.put("request_url", requestUrl);
        }
        manifest.put(
                "settings",
                ordered(
                        "event_subscriptions",
                        events,
                        "interactivity",
                        interactivity,
                        "org_deploy_enabled",
                        false,
                        "socket_mode_enabled",
                        requestUrl == null,
                        "token_rotation_enabled",
                        false));
        return manifest;
    }

    private static Map<String, String> scopes() {
        Map<String, String> scopes = new LinkedHashMap<>();
        scopes.put("chat:write", "post and update approval messages");
        scopes.put("im:write", "open DMs with approvers, requesters and executors");
        scopes.put("im:history", "find a DM Slack took when its answer was lost, rather than send it twice");
        scopes.put("users:read", "know who clicked or typed a command");
        scopes.put("users:read.email", "match people by email (users.lookupByEmail)");
        scopes.put("commands", "the /approvals slash command");
        return java.util.Collections.unmodifiableMap(scopes);
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
