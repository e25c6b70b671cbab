package dev.countersign.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code countersign decide ID}: records an approver's decision through the API. */
@Command(name = "decide", sortOptions = false,
        header = "Approve or reject a request as one of its approvers.",
        description = "Only an approver of the current level who has not decided yet may decide; the requester never "
                + "approves their own request. A rejection needs a reason.")
final class DecideCommand implements Callable<Integer> {

    @Mixin
    private ServerOptions server;

    @Parameters(paramLabel = "ID", description = "The request's id.")
    private String id;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Verdict verdict;

    @Option(names = "--approver", required = true, paramLabel = "EMAIL", description = "Who decides.")
    private String approver;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why; required with --reject.")
    private String reason;

    @Option(names = "--on-behalf-of", paramLabel = "EMAIL",
            description = "The approver whom --approver stands in for (needs an active delegation).")
    private String onBehalfOf;

    static final class Verdict {
        @Option(names = "--approve", required = true, description = "Approve.")
        private boolean approve;

        @Option(names = "--reject", required = true, description = "Reject (needs --reason).")
        private boolean reject;
    }

    @Override
    public Integer call() {
        if (verdict.reject && (reason == null || reason.isBlank())) {
            throw CliFailure.usage("--reject needs --reason: say why, so the requester can fix it");
        }
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("approver", approver);
        decision.put("verdict", verdict.approve ? "approve" : "reject");
        if (reason != null && !reason.isBlank()) {
            decision.put("reason", reason);
        }
        if (onBehalfOf != null && !onBehalfOf.isBlank()) {
            decision.put("onBehalfOf", onBehalfOf);
        }
        try (CountersignClient client = server.connect()) {
            server.output().request(RequestAfterChange.of(client, id, client.decide(id, decision)));
            return ExitCode.SUCCESS.code();
        }
    }
}
