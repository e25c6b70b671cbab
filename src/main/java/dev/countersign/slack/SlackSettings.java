package dev.countersign.slack;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How to reach Slack. Without a bot token and a signing secret the service runs API-only; with one of the two it
 * refuses to start, because a half-configured install would fail later, in front of users.
 *
 * @param botToken             {@code SLACK_BOT_TOKEN} (xoxb-…)
 * @param signingSecret        {@code SLACK_SIGNING_SECRET}, to verify callbacks
 * @param apiUrl               {@code COUNTERSIGN_SLACK_API_URL}: the Web API's base URL (the emulator in tests)
 * @param proxyUrl             {@code COUNTERSIGN_SLACK_PROXY_URL}: an HTTP proxy for calls to Slack
 * @param buttons              {@code COUNTERSIGN_SLACK_BUTTONS}: false → messages carry only the Details link
 * @param approvalReasonTypes  {@code COUNTERSIGN_SLACK_APPROVAL_REASON_TYPES}: request types whose approval in Slack
 *                             asks for a reason (rejections always do)
 */
@ConfigurationProperties("countersign.slack")
public record SlackSettings(String botToken, String signingSecret,
                            @DefaultValue("https://slack.com/api/") URI apiUrl, String proxyUrl,
                            @DefaultValue("true") boolean buttons, Set<String> approvalReasonTypes) {

    public SlackSettings {
        botToken = blankToNull(botToken);
        signingSecret = blankToNull(signingSecret);
        proxyUrl = blankToNull(proxyUrl);
        approvalReasonTypes = approvalReasonTypes == null ? Set.of() : Set.copyOf(approvalReasonTypes);
        List<String> missing = new ArrayList<>();
        if (botToken == null && signingSecret != null) {
            missing.add("SLACK_BOT_TOKEN");
        }
        if (signingSecret == null && botToken != null) {
            missing.add("SLACK_SIGNING_SECRET");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Slack is half configured: " + String.join(" and ", missing)
                    + " missing. Set both SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, or neither to run API-only.");
        }
        String url = apiUrl.toString();
        if (!url.endsWith("/")) {
            apiUrl = URI.create(url + "/");
        }
    }

    public boolean enabled() {
        return botToken != null;
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
                + ", buttons=" + buttons + ", approvalReasonTypes=" + approvalReasonTypes + "]";
    }
}
