package dev.countersign.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.util.http.SlackHttpClient;
import okhttp3.OkHttpClient;

/** The SDK's client set up from {@link SlackSettings}: the service's and the set-up checks' are made alike. */
public final class SlackClients {

    private SlackClients() {}

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
        // OkHttp sends a request again, unasked, when a kept-alive connection ends without an answer; for
        // chat.postMessage that is a second copy in Slack whose ts never reaches us. Such a failure comes back to
        // the caller instead: the outbox retries it, looking first for the copy Slack may have (SlackDms).
        // (Before reusing a connection for a POST OkHttp checks it is still open, so stale ones are rarely hit.)
        OkHttpClient http = SlackHttpClient.buildOkHttpClient(config)
                .newBuilder()
                .retryOnConnectionFailure(false)
                .build();
        SlackHttpClient client = new SlackHttpClient(http);
        client.setConfig(config);
        return Slack.getInstance(config, client);
    }
}
