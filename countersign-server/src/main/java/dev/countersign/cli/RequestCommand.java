package dev.countersign.cli;

import dev.countersign.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code countersign request}: asks for approval, and with {@code --wait} waits for the decision. */
@Command(
        name = "request",
        sortOptions = false,
        header = "Ask for approval; with --wait, wait for the decision.",
        description = {
            "Creates an approval request. Levels are asked in order: the next level only once the previous one "
                    + "is satisfied.",
            "Without --wait it exits 0 once the request is created. With --wait it exits 0 when approved, 1 "
                    + "when rejected, 2 when expired, cancelled or the timeout runs out. An --urgent request is "
                    + "executable at once (approvals are collected afterwards), so --wait returns 0 at once."
        })
final class RequestCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ServerOptions server;

    @Option(
            names = "--type",
            required = true,
            paramLabel = "TYPE",
            description = "Kind of request, [a-z0-9-]{1,64}, e.g. deploy.")
    private String type;

    @Option(names = "--title", required = true, paramLabel = "TEXT", description = "What is to be approved.")
    private String title;

    @Option(names = "--description", paramLabel = "TEXT", description = "More detail for the approvers.")
    private String description;

    @Option(
            names = "--field",
            paramLabel = "KEY=VALUE",
            mapFallbackValue = "",
            description = "A key/value shown to approvers; repeatable.")
    private Map<String, String> fields = new LinkedHashMap<>();

    @Option(names = "--requester", required = true, paramLabel = "EMAIL", description = "Who asks.")
    private String requester;

    @Option(
            names = "--level",
            required = true,
            paramLabel = "APPROVERS[:RULE]",
            converter = LevelSpec.Converter.class,
            description = {
                "An approval level: comma-separated e-mails, then ':' and the rule, a number of "
                        + "approvals or 'all' (the default), e.g. bob@example.com,carol@example.com:1.",
                "Repeat for further levels, in order."
            })
    private List<LevelSpec> levels = new ArrayList<>();

    @Option(
            names = "--urgent",
            description = "Urgent mode: executable at once, approvals collected afterwards; " + "cannot be rejected.")
    private boolean urgent;

    @Option(
            names = "--executor",
            paramLabel = "EMAIL",
            split = ",",
            description = "Who may carry it out once executable; repeatable or comma-separated.")
    private List<String> executors = new ArrayList<>();

    @Option(names = "--channel", paramLabel = "CHANNEL", description = "Slack channel to post the request to.")
    private String channel;

    @Option(
            names = "--expires-after",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Expire if not decided in time, e.g. 24h, 1d, 1h30m, PT24H.")
    private Duration expiresAfter;

    @Option(
            names = "--remind-every",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Remind the approvers who have not decided this often, e.g. 4h (default: the type's).")
    private Duration remindEvery;

    @Option(
            names = "--max-reminders",
            paramLabel = "N",
            description = "At most this many reminders per level, then escalate (default: the type's, else 3).")
    private Integer maxReminders;

    @Option(
            names = "--escalate-to",
            paramLabel = "EMAIL|#CHANNEL",
            split = ",",
            description = "Who is told once the reminders are used up; repeatable or comma-separated.")
    private List<String> escalateTo = new ArrayList<>();

    @Option(names = "--callback-url", paramLabel = "URL", description = "URL the server calls with the outcome.")
    private String callbackUrl;

    @Option(
            names = "--idempotency-key",
            paramLabel = "KEY",
            description = "Repeating a call with the same key and options returns the same request, e.g. a CI job id.")
    private String idempotencyKey;

    @Option(names = "--wait", description = "Wait for the decision; the exit code tells it.")
    private boolean await;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "30m",
            description = "With --wait: give up (exit 2) after this long, e.g. 30m, 2h (default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Override
    public Integer call() {
        if (!await && spec.commandLine().getParseResult().hasMatchedOption("--timeout")) {
            throw CliFailure.usage("--timeout only applies with --wait");
        }
        Output output = server.output();
        try (CountersignClient client = server.connect()) {
            JsonNode created = client.create(body(), idempotencyKey);
            if (!await) {
                output.request(created);
                return ExitCode.SUCCESS.code();
            }
            String id = created.path("id").asString("");
            output.note("Requested approval: " + created.path("title").asString(title) + " (" + id + ")");
            String details = created.path("links").path("details").asString("");
            if (!details.isEmpty()) {
                output.note("  " + details);
            }
            output.note("Waiting up to " + Durations.format(timeout) + " for a decision…");
            return WaitCommand.report(server.decisionWait(client).await(id, created, timeout), timeout, output);
        }
    }

    private Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        putIfPresent(body, "description", description);
        body.put("fields", fields);
        body.put("requester", requester);
        body.put("levels", levels.stream().map(LevelSpec::toJson).toList());
        body.put("mode", urgent ? "urgent" : "standard");
        List<String> executorList =
                executors.stream().map(String::strip).filter(e -> !e.isEmpty()).toList();
        if (!executorList.isEmpty()) {
            body.put("executors", executorList);
        }
        putIfPresent(body, "channel", channel);
        if (expiresAfter != null) {
            body.put("expiresAfter", expiresAfter.toString());
        }
        putIfPresent(body, "callbackUrl", callbackUrl);
        if (remindEvery != null || maxReminders != null || !escalateTo.isEmpty()) {
            Map<String, Object> reminders = new LinkedHashMap<>();
            if (remindEvery != null) {
                reminders.put("every", remindEvery.toString());
            }
            if (maxReminders != null) {
                reminders.put("max", maxReminders);
            }
            if (!escalateTo.isEmpty()) {
                reminders.put("escalateTo", escalateTo);
            }
            body.put("reminders", reminders);
        }
        return body;
    }

    private static void putIfPresent(Map<String, Object> body, String name, String value) {
        if (value != null && !value.isBlank()) {
            body.put(name, value);
        }
    }
}
