package dev.countersign.emulator;

/**
 * A fault the emulator answers a Web API call with instead of doing it (see {@link SlackEmulator#failNext}), or, for
 * {@link #answerLost}, after doing it.
 */
public sealed interface Failure {

    /** An HTTP error such as 500 or 503, the way Slack's edge answers when it is in trouble. */
    static Failure httpStatus(int status) {
        return new HttpStatus(status);
    }

    /** A Slack error code with HTTP 200 and {@code "ok":false}, e.g. {@code channel_not_found}. */
    static Failure slackError(String error) {
        return new SlackError(error);
    }

    /** HTTP 429 with {@code Retry-After: seconds} and {@code {"ok":false,"error":"ratelimited"}}. */
    static Failure rateLimited(int retryAfterSeconds) {
        return new RateLimited(retryAfterSeconds);
    }

    /**
     * Slack carries the call out (a message is posted, an update made) but its answer never reaches the caller: the
     * connection is held for {@code after}, then closed without a response. A caller whose read timeout is shorter
     * sees a timeout, as when Slack's answer is lost on the way back; with {@code after} zero it sees the connection
     * end without an answer. Either way it cannot tell whether the call happened.
     */
    static Failure answerLost(java.time.Duration after) {
        return new AnswerLost(after);
    }

    record AnswerLost(java.time.Duration after) implements Failure {
        public AnswerLost {
            if (after.isNegative()) {
                throw new IllegalArgumentException("an answer cannot be lost before the call");
            }
        }
    }

    record HttpStatus(int status) implements Failure {
        public HttpStatus {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("an HTTP failure needs a 4xx or 5xx status, not " + status);
            }
        }
    }

    record SlackError(String error) implements Failure {}

    record RateLimited(int retryAfterSeconds) implements Failure {
        public RateLimited {
            if (retryAfterSeconds < 0) {
                throw new IllegalArgumentException("Retry-After cannot be negative");
            }
        }
    }
}
