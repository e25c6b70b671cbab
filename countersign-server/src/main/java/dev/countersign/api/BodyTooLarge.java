package dev.countersign.api;

import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Raised while reading a body past {@link BodyLimit#MAX_BODY_BYTES}; answered with 413. */
final class BodyTooLarge extends IOException {

    BodyTooLarge() {
        super("request body over " + BodyLimit.MAX_BODY_BYTES + " bytes");
    }

    static boolean causedBy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLarge) {
                return true;
            }
        }
        return false;
    }

    static ProblemDetail problem() {
        return ApiProblems.problem(
                HttpStatus.CONTENT_TOO_LARGE,
                "Body too large",
                "request bodies are limited to 256 KiB; shorten the description or fields");
    }
}
