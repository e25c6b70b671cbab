package dev.countersign.cli;

import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --limit} and {@code --cursor}, for every command that lists one page of something. */
final class PageOptions {

    @Option(names = "--limit", paramLabel = "N", description = "At most this many (the server caps it).")
    private Integer limit;

    @Option(names = "--cursor", paramLabel = "CURSOR", description = "Continue where the previous page ended.")
    private String cursor;

    /** Adds the page to a listing's query; refuses a limit no server would take. */
    void addTo(Map<String, String> query) {
        if (limit != null && limit < 1) {
            throw CliFailure.usage("--limit must be at least 1");
        }
        query.put("limit", limit == null ? null : limit.toString());
        query.put("cursor", cursor);
    }
}
