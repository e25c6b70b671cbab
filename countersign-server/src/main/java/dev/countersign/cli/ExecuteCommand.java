package dev.countersign.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code countersign execute ID --executor E}: records that an executable request was carried out. */
@Command(
        name = "execute",
        sortOptions = false,
        header = "Record that a request was carried out.",
        description = "Only one of the request's executors can record it, once, and only when the request is "
                + "executable (approved, or urgent).")
final class ExecuteCommand implements Callable<Integer> {

    @Mixin
    private ServerOptions server;

    @Parameters(paramLabel = "ID", description = "The request's id.")
    private String id;

    @Option(names = "--executor", required = true, paramLabel = "EMAIL", description = "Who carried it out.")
    private String executor;

    @Override
    public Integer call() {
        try (CountersignClient client = server.connect()) {
            server.output()
                    .request(RequestAfterChange.of(
                            client, id, client.recordExecution(id, Map.of("executor", executor))));
            return ExitCode.SUCCESS.code();
        }
    }
}
