package dev.countersign.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;

/** The SDK's client set up from {@link SlackSettings}: the service's and the set-up checks' are made alike. */
public final class SlackClients {

    private SlackClients() {
    }

    public static Slack of(SlackSettings settings) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.apiUrl().toString());
        if (settings.proxyUrl() != null) {
            config.setProxyUrl(settings.proxyUrl());
        }
        // A hung Slack must not hold a dispatcher task for long: a timeout is retried like a 5xx.
        config.setHttpClientCallTimeoutMillis(15_000);
        config.setHttpClientReadTimeoutMillis(10_000);
        config.setFailOnUnknownProperties(false);
        config.setPrettyResponseLoggingEnabled(false);
        // The SDK's per-method call statistics are for its async client's rate limiter, which we do not use.
        config.setStatsEnabled(false);
        return Slack.getInstance(config);
    }
}
