package dev.countersign.slack;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to reach Slack. Without any Slack setting the service runs API-only. Slack reaches the service one of two ways:
 * over HTTP at the Request URL (bot token and signing secret), or, with an app-level token, over a WebSocket the
 * service opens itself (Socket Mode: bot token and app token, no signing secret since Slack signs nothing it sends
 * down the socket). A half-configured install refuses to start, because it would fail later, in front of users.
 *
 * @param botToken             {@code SLACK_BOT_TOKEN} (xoxb-…)
 * @param signingSecret        {@code SLACK_SIGNING_SECRET}, to verify callbacks
 * @param apiUrl               {@code COUNTERSIGN_SLACK_API_URL}: the Web API's base URL (the emulator in tests)
 * @param proxyUrl             {@code COUNTERSIGN_SLACK_PROXY_URL}: an HTTP proxy for calls to Slack
 * @param buttons              {@code COUNTERSIGN_SLACK_BUTTONS}: false → messages carry only the Details link
 * @param approvalReasonTypes  {@code COUNTERSIGN_SLACK_APPROVAL_REASON_TYPES}: request types whose approval in Slack
 *                             asks for a reason (rejections always do)
 * @param appToken             {@code SLACK_APP_TOKEN} (xapp-…, scope connections:write): turns on Socket Mode
 */
@ConfigurationProperties("countersign.slack")
public record SlackSettings(
        String botToken,
        String signingSecret,
        @DefaultValue("https://slack.com/api/") URI apiUrl,
        String proxyUrl,
        @DefaultValue("true") boolean buttons,
        Set<String> approvalReasonTypes,
        String appToken) {

    /** The prefix of Slack's app-level tokens; bot tokens start with xoxb-, user tokens with xoxp-. */
    public static final String APP_TOKEN_PREFIX = "xapp-";

    @ConstructorBinding
    public SlackSettings {
        botToken = blankToNull(botToken);
        signingSecret = blankToNull(signingSecret);
        proxyUrl = blankToNull(proxyUrl);
        appToken = blankToNull(appToken);
        approvalReasonTypes = approvalReasonTypes == null ? Set.of() : Set.copyOf(approvalReasonTypes);
        if (appToken != null && !appToken.startsWith(APP_TOKEN_PREFIX)) {
            throw new IllegalArgumentException("SLACK_APP_TOKEN must be an app-level token, which starts with "
                    + APP_TOKEN_PREFIX + " (this one starts with '"
                    + appToken.substring(0, Math.min(5, appToken.length()))
                    + "'). Generate one under Basic Information > App-Level Tokens with the "
                    + "connections:write scope, or unset SLACK_APP_TOKEN to receive Slack over HTTP.");
        }
        List<String> missing = new ArrayList<>();
        if (botToken == null && (signingSecret != null || appToken != null)) {
            missing.add("SLACK_BOT_TOKEN");
        }
        if (signingSecret == null && appToken == null && botToken != null) {
            missing.add("SLACK_SIGNING_SECRET");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Slack is half configured: " + String.join(" and ", missing)
                    + " missing. Set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (Slack calls the Request URL) or "
                    + "with SLACK_APP_TOKEN (Socket Mode), or none of them to run API-only.");
        }
        String url = apiUrl.toString();
        if (!url.endsWith("/")) {
            apiUrl = URI.create(url + "/");
        }
    }

    /** Settings as before Socket Mode: HTTP only. */
    public SlackSettings(
            String botToken,
            String signingSecret,
            URI apiUrl,
            String proxyUrl,
            boolean buttons,
            Set<String> approvalReasonTypes) {
        this(botToken, signingSecret, apiUrl, proxyUrl, buttons, approvalReasonTypes, null);
    }

    public boolean enabled() {
        return botToken != null;
    }

    /** Slack's callbacks come down a WebSocket the service opens, instead of to the Request URL. */
    public boolean socketMode() {
        return appToken != null;
    }

    /** Whether the Web API is Slack's own (not an emulator or a test double). */
    public boolean realSlack() {
        String host = apiUrl.getHost();
        return host != null && (host.equals("slack.com") || host.endsWith(".slack.com"));
    }

    public boolean approvalNeedsReason(String type) {
        return approvalReasonTypes.contains(type);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String toString() {
        return "SlackSettings[botToken=" + (botToken == null ? null : "****") + ", signingSecret="
                + (signingSecret == null ? null : "****") + ", apiUrl=" + apiUrl + ", proxyUrl="
                + (proxyUrl == null ? null : proxyUrl.replaceAll("//[^@/]*@", "//****@"))
                + ", buttons=" + buttons + ", approvalReasonTypes=" + approvalReasonTypes + ", appToken="
                + (appToken == null ? null : "****") + "]";
    }
}
