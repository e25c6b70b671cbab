package dev.countersign.slack.delivery;

import com.google.gson.Gson;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.impl.MethodsClientImpl;
import com.slack.api.util.json.GsonFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.Response;

/**
 * The SDK's Web API client, parsing answers with one Gson instead of a new one per answer. The SDK builds a fresh
 * Gson (and with it every type adapter, by reflection) for each response it parses; profiling the click benchmark
 * showed that to be a third of the server's CPU, more than the calls themselves. Requests, the HTTP client, errors
 * (non-2xx answers as {@link SlackApiException}) and the response classes stay the SDK's own.
 */
final class ReusedGsonMethodsClient extends MethodsClientImpl {

    private final SlackConfig config;
    private final Gson gson;

    ReusedGsonMethodsClient(Slack slack, String token) {
        super(slack.getHttpClient(), token);
        this.config = slack.getConfig();
        this.gson = GsonFactory.createSnakeCase(config);
        setEndpointUrlPrefix(config.getMethodsEndpointUrlPrefix());
    }

    @Override
    protected <T extends SlackApiTextResponse> T postFormWithTokenAndParseResponse(
            FormBody.Builder form, String endpoint, String token, Class<T> type) throws IOException, SlackApiException {
        try (Response response = postFormWithToken(form, endpoint, token)) {
            String body = response.body() == null ? "" : response.body().string();
            if (!response.isSuccessful()) {
                throw new SlackApiException(config, response, body);
            }
            T parsed = gson.fromJson(body, type);
            Map<String, List<String>> headers = new HashMap<>();
            response.headers().toMultimap().forEach((name, values) -> headers.put(name.toLowerCase(), values));
            parsed.setHttpResponseHeaders(headers);
            return parsed;
        }
    }
}
