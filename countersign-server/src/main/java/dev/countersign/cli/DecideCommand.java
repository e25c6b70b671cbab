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
@Command(
        name = "decide",
        sortOptions = false,
        header = "Approve or reject a request as one of its approvers.",
        description = {
            "Decides as the person whose personal token is used (COUNTERSIGN_TOKEN or --token): only an "
                    + "approver of the current level who has not decided yet, or their delegate, may decide; the "
                    + "requester never approves their own request. A rejection needs a reason.",
            "With the admin token, only --override --reason WHY --approver EMAIL decides, in that approver's "
                    + "name; the override is recorded and shown everywhere as such."
        })
final class DecideCommand implements Callable<Integer> {

    @Mixin
    private ServerOptions server;

    @Parameters(paramLabel = "ID", description = "The request's id.")
    private String id;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Verdict verdict;

    @Option(
            names = "--approver",
            paramLabel = "EMAIL",
            description = "Who decides: with a personal token, its own "
                    + "person (the default); with --override, the approver decided for.")
    private String approver;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why; required with --reject and --override.")
    private String reason;

    @Option(
            names = "--override",
            description = "Admin token only: decide in --approver's name, as a recorded "
                    + "admin override (needs --reason).")
    private boolean override;

    @Option(
            names = "--on-behalf-of",
            paramLabel = "EMAIL",
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
        if (override && (reason == null || reason.isBlank() || approver == null || approver.isBlank())) {
            throw CliFailure.usage("--override needs --approver (whom you decide for) and --reason (why you "
                    + "step in): the override is shown to everyone");
        }
        Map<String, Object> decision = new LinkedHashMap<>();
        if (approver != null && !approver.isBlank()) {
            decision.put("approver", approver);
        }
        decision.put("verdict", verdict.approve ? "approve" : "reject");
        if (reason != null && !reason.isBlank()) {
            decision.put("reason", reason);
        }
        if (onBehalfOf != null && !onBehalfOf.isBlank()) {
            decision.put("onBehalfOf", onBehalfOf);
        }
        if (override) {
            decision.put("override", Map.of("reason", reason));
        }
        try (CountersignClient client = server.connect()) {
            server.output().request(RequestAfterChange.of(client, id, client.decide(id, decision)));
            return ExitCode.SUCCESS.code();
        }
    }
}
