package dev.countersign.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code countersign}: the top of the command tree; holds what its subcommands share. */
@Command(
        name = "countersign",
        mixinStandardHelpOptions = true,
        versionProvider = CountersignVersion.class,
        usageHelpAutoWidth = true,
        header = "Ask people for approval and wait for their decision.",
        description = {
            "Talks to a Countersign server over its REST API; 'serve' runs the server itself.",
            "",
            "Example:",
            "  countersign request --type deploy --title \"Deploy api v2.3\" \\",
            "    --requester alice@example.com \\",
            "    --level bob@example.com,carol@example.com:1 \\",
            "    --level dave@example.com:all --wait --timeout 30m"
        },
        subcommands = {
            ServeCommand.class,
            RequestCommand.class,
            StatusCommand.class,
            WaitCommand.class,
            DecideCommand.class,
            CancelCommand.class,
            ExecuteCommand.class,
            ListCommand.class,
            DelegateCommand.class,
            DelegationsCommand.class,
            RevokeDelegationCommand.class,
            ClientsCommand.class,
            TokensCommand.class,
            SlackManifestCommand.class,
            dev.countersign.demo.DemoCommand.class,
            DoctorCommand.class,
            HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:approved (when waiting), or the command succeeded",
            "1:rejected",
            "2:expired, cancelled, or the wait timed out",
            "3:usage or configuration error",
            "4:server unreachable or it answered an error"
        },
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  COUNTERSIGN_URL        server URL (default " + ServerSettings.DEFAULT_URL + ")",
            "  COUNTERSIGN_API_TOKEN  API token (default: contents of <data dir>/api-token)",
            "  COUNTERSIGN_DATA_DIR   data directory (default ./data in the current directory)"
        })
final class CountersignCommand implements Callable<Integer> {

    private final CliEnvironment environment;
    private final Ticker ticker;
    private final JsonMapper mapper = JsonMapper.builder().build();

    @Spec
    private CommandSpec spec;

    CountersignCommand(CliEnvironment environment, Ticker ticker) {
        this.environment = environment;
        this.ticker = ticker;
    }

    /** {@code countersign} on its own: say what the commands are, and fail like any other usage error. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("countersign: a command is required");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE_ERROR.code();
    }

    CliEnvironment environment() {
        return environment;
    }

    Ticker ticker() {
        return ticker;
    }

    JsonMapper mapper() {
        return mapper;
    }
}
