package dev.countersign.cli;

import java.util.Map;

/**
 * The server answered with an HTTP error, usually an RFC 9457 {@code application/problem+json} body whose
 * {@code title} and {@code detail} say what to fix. The message reads
 * {@code 409 Conflict: request is approved; it accepts no further decisions}.
 */
final class ServerProblem extends CliFailure {

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"),
            Map.entry(409, "Conflict"),
            Map.entry(413, "Content Too Large"),
            Map.entry(415, "Unsupported Media Type"),
            Map.entry(422, "Unprocessable Content"),
            Map.entry(429, "Too Many Requests"),
            Map.entry(500, "Internal Server Error"),
            Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"),
            Map.entry(504, "Gateway Timeout"));

    private final int status;

    ServerProblem(int status, String title, String detail, String hint) {
        super(ExitCode.SERVER_ERROR, message(status, title, detail, hint));
        this.status = status;
    }

    int status() {
        return status;
    }

    /** Gateways and a restarting server answer 502/503/504; the same call may well succeed a moment later. */
    @Override
    boolean isTransient() {
        return status == 502 || status == 503 || status == 504;
    }

    private static String message(int status, String title, String detail, String hint) {
        String heading = status + " " + (isBlank(title) ? REASONS.getOrDefault(status, "Error") : title);
        String text = isBlank(detail) || detail.equals(title) ? heading : heading + ": " + detail;
        return isBlank(hint) ? text : text + " (" + hint + ")";
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
