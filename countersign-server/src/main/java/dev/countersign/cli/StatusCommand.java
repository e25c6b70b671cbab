package dev.countersign.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code countersign status ID}: shows a request as it is now. */
@Command(
        name = "status",
        sortOptions = false,
        header = "Show a request: status, levels, decisions.",
        description = "Exits 0 whatever the request's status; use 'wait' to turn the outcome into an exit code.")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    private ServerOptions server;

    @Parameters(paramLabel = "ID", description = "The request's id.")
    private String id;

    @Override
    public Integer call() {
        try (CountersignClient client = server.connect()) {
            server.output().request(client.get(id));
            return ExitCode.SUCCESS.code();
        }
    }
}
