package dev.countersign.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code countersign delegations}: one page of delegations, newest first. */
@Command(name = "delegations", sortOptions = false, header = "List delegations, newest first.")
final class DelegationsCommand implements Callable<Integer> {

    @Mixin
    private ServerOptions server;

    @Option(names = "--from", paramLabel = "EMAIL", description = "Only delegations from this person.")
    private String from;

    @Option(names = "--to", paramLabel = "EMAIL", description = "Only delegations to this person.")
    private String to;

    @Option(names = "--active", description = "Only those active now.")
    private boolean active;

    @Option(names = "--limit", paramLabel = "N", description = "At most this many (the server caps it).")
    private Integer limit;

    @Option(names = "--cursor", paramLabel = "CURSOR", description = "Continue where the previous page ended.")
    private String cursor;

    @Override
    public Integer call() {
        if (limit != null && limit < 1) {
            throw CliFailure.usage("--limit must be at least 1");
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("from", from);
        query.put("to", to);
        query.put("active", active ? "true" : null);
        query.put("limit", limit == null ? null : limit.toString());
        query.put("cursor", cursor);
        try (CountersignClient client = server.connect()) {
            server.output().delegations(client.delegations(query));
            return ExitCode.SUCCESS.code();
        }
    }
}
