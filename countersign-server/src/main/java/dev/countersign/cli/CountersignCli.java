package dev.countersign.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The CLI's entry point. Builds the picocli command tree and maps every way a command can end to an
 * {@link ExitCode}: picocli's parameter errors to 3, {@link CliFailure}s to their own code, anything unforeseen
 * to 4 with a one-line message (no stack trace for users to paste into a ticket without context).
 */
public final class CountersignCli {

    private CountersignCli() {}

    /** Runs the command line against the real environment and returns the exit code. */
    public static int run(String... args) {
        return commandLine(CliEnvironment.current(), Ticker.system()).execute(args);
    }

    /**
     * Whether {@code countersign serve ...} only asks for help or the version, which the CLI answers instead of
     * starting the server.
     */
    public static boolean asksForHelp(String... args) {
        List<String> arguments = List.of(args);
        return arguments.contains("--help")
                || arguments.contains("-h")
                || arguments.contains("--version")
                || arguments.contains("-V");
    }

    static CommandLine commandLine(CliEnvironment environment, Ticker ticker) {
        CommandLine commandLine = new CommandLine(new CountersignCommand(environment, ticker));
        commandLine.setParameterExceptionHandler(usageError());
        commandLine.setExecutionExceptionHandler(failure());
        return commandLine;
    }

    private static IParameterExceptionHandler usageError() {
        return (ParameterException problem, String[] args) -> {
            CommandLine command = problem.getCommandLine();
            PrintWriter err = command.getErr();
            err.println("countersign: " + problem.getMessage());
            UnmatchedArgumentException.printSuggestions(problem, err);
            err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
            err.flush();
            return ExitCode.USAGE_ERROR.code();
        };
    }

    private static IExecutionExceptionHandler failure() {
        return (Exception exception, CommandLine command, CommandLine.ParseResult parseResult) -> {
            PrintWriter err = command.getErr();
            if (exception instanceof CliFailure failure) {
                err.println("countersign: " + failure.getMessage());
                err.flush();
                return failure.exitCode().code();
            }
            err.println("countersign: unexpected error: " + exception);
            err.flush();
            return ExitCode.SERVER_ERROR.code();
        };
    }
}
