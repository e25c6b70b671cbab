package dev.countersign.cli;

import dev.countersign.doctor.Check;
import dev.countersign.doctor.Checkup;
import dev.countersign.doctor.Doctor;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code countersign doctor}: checks this machine's set-up (the same environment variables {@code serve} reads) and
 * says how to fix what is wrong. Unlike the other client commands it does not ask a server: it runs the checks
 * itself, so it also explains why a server will not start. A running server shows the same checks in
 * {@code /actuator/health}.
 */
@Command(
        name = "doctor",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        versionProvider = CountersignVersion.class,
        header = "Check the Slack and database set-up and say how to fix what is wrong.",
        description = {
            "Reads the same environment as 'serve' (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET or SLACK_APP_TOKEN, "
                    + "COUNTERSIGN_BASE_URL, COUNTERSIGN_DB_URL, …) and checks: the bot token (auth.test), its "
                    + "scopes, the signing secret or app token, the base URL, the database and its migrations.",
            "Needs no running server; never migrates or changes anything, except the test DM of --dm."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every check passed (warnings allowed)", "1:a check failed: see its fix", "3:usage error"})
final class DoctorCommand implements Callable<Integer> {

    private static final JsonMapper PRETTY =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--dm",
            paramLabel = "EMAIL",
            description = "Also send a test DM to the Slack user with this email.")
    private String dm;

    @Option(names = "--json", description = "Print the checks as JSON.")
    private boolean json;

    @Override
    public Integer call() {
        CountersignCommand root = (CountersignCommand) spec.root().userObject();
        CliEnvironment environment = root.environment();
        Checkup checkup = Doctor.examine(
                environment.variables(),
                environment.workingDirectory(),
                dm == null || dm.isBlank() ? null : dm.strip());
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? PRETTY.writeValueAsString(json(checkup)) + System.lineSeparator() : text(checkup));
        out.flush();
        return checkup.healthy() ? ExitCode.SUCCESS.code() : 1;
    }

    static String text(Checkup checkup) {
        StringBuilder text = new StringBuilder();
        int width = checkup.checks().stream()
                .mapToInt(check -> check.title().length())
                .max()
                .orElse(0);
        for (Check check : checkup.checks()) {
            String mark = switch (check.outcome()) {
                case OK -> "✓";
                case WARN -> "!";
                case FAIL -> "✗";
            };
            text.append(mark)
                    .append(' ')
                    .append(String.format("%-" + width + "s", check.title()))
                    .append("  ")
                    .append(check.detail())
                    .append(System.lineSeparator());
            if (check.fix() != null) {
                text.append("  ")
                        .append(" ".repeat(width))
                        .append("  fix: ")
                        .append(check.fix())
                        .append(System.lineSeparator());
            }
        }
        long failed = checkup.checks().stream().filter(Check::failed).count();
        text.append(System.lineSeparator())
                .append(failed == 0 ? "All set." : failed + " problem" + (failed == 1 ? "" : "s") + " found.")
                .append(System.lineSeparator());
        return text.toString();
    }

    private static ObjectNode json(Checkup checkup) {
        ObjectNode root = PRETTY.createObjectNode();
        root.put("healthy", checkup.healthy());
        ArrayNode checks = root.putArray("checks");
        for (Check check : checkup.checks()) {
            ObjectNode node = checks.addObject();
            node.put("id", check.id());
            node.put("title", check.title());
            node.put("outcome", check.outcome().name().toLowerCase());
            node.put("detail", check.detail());
            node.put("fix", check.fix());
        }
        return root;
    }
}
