package dev.countersign.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

    @Mixin
    private PageOptions page;

    @Override
    public Integer call() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("from", from);
        query.put("to", to);
        query.put("active", active ? "true" : null);
        page.addTo(query);
        try (CountersignClient client = server.connect()) {
            server.output().delegations(client.delegations(query));
            return ExitCode.SUCCESS.code();
        }
    }
}
