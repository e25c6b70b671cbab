package dev.countersign.emulator;

import java.util.List;

/** A Slack error code a Web API method answers with ({@code "ok":false}, HTTP 200), with Slack's detail lines. */
final class MethodError extends RuntimeException {

    private final String code;
    private final List<String> details;

    MethodError(String code) {
        this(code, List.of());
    }

    MethodError(String code, List<String> details) {
        super(code + (details.isEmpty() ? "" : " " + details), null, false, false);
        this.code = code;
        this.details = List.copyOf(details);
    }

    String code() {
        return code;
    }

    List<String> details() {
        return details;
    }
}
