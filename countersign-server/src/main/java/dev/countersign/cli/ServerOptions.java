package dev.countersign.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options every client command shares: where the server is, how to authenticate, how to print. */
final class ServerOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(
            names = "--url",
            paramLabel = "URL",
            order = 100,
            description = "Server URL (default: $COUNTERSIGN_URL or " + ServerSettings.DEFAULT_URL + ").")
    private String url;

    @Option(
            names = "--token",
            paramLabel = "TOKEN",
            order = 101,
            description = "API token (default: $COUNTERSIGN_TOKEN, your personal or a client's token; else "
                    + "$COUNTERSIGN_API_TOKEN, else the admin token in <data dir>/api-token). Prefer the variables: "
                    + "command lines are visible to other users.")
    private String token;

    @Option(names = "--json", order = 102, description = "Print the server's JSON instead of text.")
    private boolean json;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            order = 103,
            description = "Show this help and exit.")
    private boolean help;

    /** Resolves the settings now, so that a configuration error surfaces as exit 3 before anything is sent. */
    CountersignClient connect() {
        CountersignCommand root = root();
        return new CountersignClient(ServerSettings.resolve(url, token, root.environment()), root.mapper());
    }

    Output output() {
        return new Output(command.commandLine().getOut(), command.commandLine().getErr(), json);
    }

    DecisionWait decisionWait(CountersignClient client) {
        return new DecisionWait(client, root().ticker(), output());
    }

    private CountersignCommand root() {
        return (CountersignCommand) command.root().userObject();
    }
}
