package dev.countersign.slack.inbound;

import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /slack/events}: the one Request URL for interactivity, slash commands and events. A thin servlet in
 * front of Bolt (Bolt's own Jakarta adapter lags behind in the registry): it reads the raw body exactly as sent,
 * refuses it unless the signature is genuine and fresh, and hands it to Bolt untouched. The body is never rebuilt
 * from parsed parameters: that would change bytes and break the signature.
 *
 * <p>Anyone can call this URL. A refused call is counted by {@link RefusedCallbacks} (a metric, a summary in the log
 * now and then), never written to the exchange log one row each; an address that keeps being refused is answered
 * 429 before its body is even read.
 */
class SlackEventsServlet extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(SlackEventsServlet.class);
    /** Slack's payloads are a few KiB; a message with many blocks stays well under this. */
    private static final int MAX_BODY = 1024 * 1024;

    private final SlackInbound inbound;
    private final SlackRequestParser parser;
    private final SignatureCheck signatures;
    private final RefusedCallbacks refused;

    SlackEventsServlet(SlackInbound inbound, SignatureCheck signatures, RefusedCallbacks refused) {
        this.inbound = inbound;
        this.parser = new SlackRequestParser(inbound.app().config());
        this.signatures = signatures;
        this.refused = refused;
    }

    @Override
    protected void doPost(HttpServletRequest http, HttpServletResponse response) throws IOException {
        String address = http.getRemoteAddr();
        Optional<Duration> slowedDown = refused.slowedDown(address);
        if (slowedDown.isPresent()) {
            long seconds = Math.max(1, (slowedDown.get().toMillis() + 999) / 1000);
            response.setHeader("Retry-After", Long.toString(seconds));
            write(response, 429, "{\"error\":\"too many refused calls from this address, try again later\"}");
            return;
        }
        if (http.getContentLengthLong() > MAX_BODY) {
            refused.refused(address, RefusedCallbacks.TOO_LARGE);
            write(response, 413, "{\"error\":\"payload too large\"}");
            return;
        }
        byte[] bytes;
        try (InputStream in = http.getInputStream()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            refused.refused(address, RefusedCallbacks.TOO_LARGE);
            write(response, 413, "{\"error\":\"payload too large\"}");
            return;
        }
        String body = new String(bytes, StandardCharsets.UTF_8);
        Optional<SignatureCheck.Refusal> refusal = signatures.check(
                http.getHeader("X-Slack-Request-Timestamp"), http.getHeader("X-Slack-Signature"), body);
        if (refusal.isPresent()) {
            log.debug(
                    "Refused a callback to /slack/events from {}: {}",
                    address,
                    refusal.get().why());
            refused.refused(address, refusal.get().reason().tag());
            write(response, 401, "{\"error\":\"invalid request signature\"}");
            return;
        }
        SlackRequestParser.HttpRequest raw = SlackRequestParser.HttpRequest.builder()
                .requestUri(http.getRequestURI())
                .queryString(Map.of()) // Slack sends nothing in the Request URL's query string
                .headers(new RequestHeaders(headers(http)))
                .requestBody(body)
                .remoteAddress(http.getRemoteAddr())
                .build();
        if (InteractionType.of(body)
                .filter(SlackInbound::acknowledgedBeforeHandling)
                .isPresent()) {
            // A click needs nothing in its answer: answer now, and let Bolt parse and handle it right after.
            // Parsing a payload (it carries the whole message) is most of what a click costs before any work.
            if (!inbound.handleAfterAck(() -> parser.parse(raw))) {
                write(response, 503, "{\"error\":\"busy, try again\"}");
                return;
            }
            response.setStatus(200);
            return;
        }
        Request<?> request = parser.parse(raw);
        if (request == null) {
            write(response, 400, "{\"error\":\"not a Slack request Countersign understands\"}");
            return;
        }
        if (request.getRequestType() == RequestType.SSLCheck) {
            // Slack checking the certificate of a slash command's https URL: it only needs a 200.
            response.setStatus(200);
            return;
        }
        Response answer;
        try {
            answer = inbound.handleNow(request);
        } catch (Exception e) {
            log.error("Handling a Slack callback failed", e);
            write(response, 500, "{\"error\":\"internal error\"}");
            return;
        }
        if (answer.getHeaders() != null) {
            answer.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        }
        response.setStatus(answer.getStatusCode());
        if (answer.getBody() != null) {
            response.setContentType(
                    answer.getContentType() == null
                            ? Response.CONTENT_TYPE_APPLICATION_JSON_UTF8
                            : answer.getContentType());
            response.getOutputStream().write(answer.getBody().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Map<String, List<String>> headers(HttpServletRequest http) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : Collections.list(http.getHeaderNames())) {
            headers.put(name, Collections.list(http.getHeaders(name)));
        }
        return headers;
    }

    private static void write(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }
}
