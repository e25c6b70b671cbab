package dev.countersign.slack.inbound;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Countersign does with a callback from Slack, whichever way it came: to the Request URL ({@link
 * SlackEventsServlet}) or down the Socket Mode WebSocket ({@link SlackSocketMode}). A button click needs nothing
 * in its answer, so it is acknowledged before Bolt even parses it and handled right after, off Slack's three-second
 * clock; everything else (a modal submission, whose answer carries its errors) is handled first and answered with
 * Bolt's response.
 */
final class SlackInbound {

    private static final Logger log = LoggerFactory.getLogger(SlackInbound.class);

    private final App app;
    private final ExecutorService afterAck;

    SlackInbound(App app, ExecutorService afterAck) {
        this.app = app;
        this.afterAck = afterAck;
    }

    App app() {
        return app;
    }

    /** Whether a payload of this interactivity type is acknowledged first and handled after the ack. */
    static boolean acknowledgedBeforeHandling(String payloadType) {
        return "block_actions".equals(payloadType);
    }

    /**
     * Queues the payload to be parsed and handled after the ack. False when too many are waiting already: the
     * caller then answers so that Slack tries again later, instead of acknowledging what will not be handled.
     */
    boolean handleAfterAck(Supplier<Request<?>> parse) {
        try {
            afterAck.execute(() -> {
                try {
                    Request<?> request = parse.get();
                    if (request != null) {
                        app.run(request);
                    }
                } catch (Exception e) {
                    log.error("Handling a Slack click failed", e);
                }
            });
            return true;
        } catch (RejectedExecutionException overloaded) {
            log.warn("Too many Slack clicks waiting to be handled; asking Slack to try again");
            return false;
        }
    }

    /** Handles the request now; Bolt's response is the answer to send back. */
    Response handleNow(Request<?> request) throws Exception {
        return app.run(request);
    }
}
