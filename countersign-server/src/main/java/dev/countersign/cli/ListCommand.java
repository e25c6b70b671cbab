package dev.countersign.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code countersign list}: one page of requests, newest first. */
@Command(name = "list", sortOptions = false, header = "List requests, newest first.")
final class ListCommand implements Callable<Integer> {

    @Mixin
    private ServerOptions server;

    @Option(
            names = "--status",
            paramLabel = "STATUS",
            description = "Only requests in this status: pending, approved, rejected, expired, cancelled.")
    private String status;

    @Option(names = "--approver", paramLabel = "EMAIL", description = "Only requests this person is asked to decide.")
    private String approver;

    @Option(names = "--requester", paramLabel = "EMAIL", description = "Only requests by this person.")
    private String requester;

    @Mixin
    private PageOptions page;

    @Override
    public Integer call() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("status", status);
        query.put("approver", approver);
        query.put("requester", requester);
        page.addTo(query);
        try (CountersignClient client = server.connect()) {
            server.output().page(client.list(query));
            return ExitCode.SUCCESS.code();
        }
    }
}
