package dev.countersign.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code countersign cancel ID}: withdraws a pending request. */
@Command(
        name = "cancel",
        sortOptions = false,
        header = "Cancel a pending request.",
        description = "The requester (or the holder of the admin token) can cancel a request while it is pending; "
                + "anyone waiting on it is released with exit 2.")
final class CancelCommand implements Callable<Integer> {

    @Mixin
    private ServerOptions server;

    @Parameters(paramLabel = "ID", description = "The request's id.")
    private String id;

    @Option(names = "--by", paramLabel = "EMAIL", description = "Who cancels, normally the requester.")
    private String by;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why.")
    private String reason;

    @Override
    public Integer call() {
        Map<String, Object> cancellation = new LinkedHashMap<>();
        if (by != null && !by.isBlank()) {
            cancellation.put("by", by);
        }
        if (reason != null && !reason.isBlank()) {
            cancellation.put("reason", reason);
        }
        try (CountersignClient client = server.connect()) {
            server.output().request(RequestAfterChange.of(client, id, client.cancel(id, cancellation)));
            return ExitCode.SUCCESS.code();
        }
    }
}
