package dev.countersign.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code countersign revoke-delegation ID}: ends a delegation now. */
@Command(
        name = "revoke-delegation",
        sortOptions = false,
        header = "End a delegation now.",
        description = "From this moment the delegate can no longer decide for the delegator, also with buttons "
                + "already sent to them.")
final class RevokeDelegationCommand implements Callable<Integer> {

    @Mixin
    private ServerOptions server;

    @Parameters(paramLabel = "ID", description = "The delegation's id.")
    private String id;

    @Option(names = "--by", paramLabel = "EMAIL", description = "Who revokes, for the record.")
    private String by;

    @Override
    public Integer call() {
        Map<String, Object> revocation = new LinkedHashMap<>();
        if (by != null && !by.isBlank()) {
            revocation.put("by", by);
        }
        try (CountersignClient client = server.connect()) {
            server.output().delegation(client.revokeDelegation(id, revocation));
            return ExitCode.SUCCESS.code();
        }
    }
}
