package dev.countersign.bench;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The load generator's jar: {@code countersign bench …}. It ships apart from the server so that the server jar holds
 * no test doubles; {@code ./countersign bench} runs this jar. Usage errors exit 3 and unforeseen failures 4, as the
 * {@code countersign} CLI does.
 */
public final class BenchMain {

    private static final int USAGE_ERROR = 3;
    private static final int FAILED = 4;

    private BenchMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs {@code bench} with the arguments after it (a leading {@code bench} is accepted and ignored). */
    public static int run(String... args) {
        String[] benchArgs =
                args.length > 0 && args[0].equals("bench") ? Arrays.copyOfRange(args, 1, args.length) : args;
        CommandLine commandLine = new CommandLine(new BenchCommand());
        commandLine.setCommandName("countersign bench");
        commandLine.setParameterExceptionHandler((problem, ignored) -> {
            PrintWriter err = problem.getCommandLine().getErr();
            err.println("countersign bench: " + problem.getMessage());
            UnmatchedArgumentException.printSuggestions(problem, err);
            err.println("Run 'countersign bench --help' for usage.");
            err.flush();
            return USAGE_ERROR;
        });
        commandLine.setExecutionExceptionHandler((exception, command, parseResult) -> {
            command.getErr().println("countersign bench: unexpected error: " + exception);
            command.getErr().flush();
            return FAILED;
        });
        return commandLine.execute(benchArgs);
    }
}
