package dev.countersign.demo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code countersign demo}: runs the service and an emulated Slack workspace with demo people and example
 * requests until Ctrl-C, and says where to look. See the package description.
 */
@Command(
        name = "demo",
        sortOptions = false,
        header = "Try Countersign: the service and an emulated Slack, with example requests.",
        description = {
            "Starts the service on the embedded database in --data-dir (emptied at every start) and the "
                    + "project's Slack emulator with six demo people, wires them together (a generated bot "
                    + "token and signing secret; neither is printed), creates three example requests through "
                    + "the REST API, and prints the URLs.",
            "Open the sandbox page in a browser: pick a person, see their Slack, click Approve or Reject. "
                    + "Ctrl-C stops everything. Only this machine can reach it: both listen on 127.0.0.1."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped with Ctrl-C",
            "3:it cannot start as asked (a port in use, a data directory that is not the demo's)"
        })
public final class DemoCommand implements Callable<Integer> {

    private static final int CANNOT_START = 3;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "8080",
            description = "The service's HTTP port (default: ${DEFAULT-VALUE}; 0 for any free port).")
    private int port;

    @Option(
            names = "--sandbox-port",
            paramLabel = "PORT",
            defaultValue = "8090",
            description = "The emulated Slack's port, with the sandbox page (default: ${DEFAULT-VALUE}; 0 for any).")
    private int sandboxPort;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            defaultValue = "./demo-data",
            description = "The demo's data directory, emptied at every start (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    private boolean help;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port > 65535 || sandboxPort < 0 || sandboxPort > 65535) {
            err.println("countersign: --port and --sandbox-port must be 0 (any free port) or 1-65535");
            err.flush();
            return CANNOT_START;
        }
        if (!emulatorPresent()) {
            err.println("countersign: the demo needs the Slack emulator, which the server jar does not carry; run it"
                    + " as ./countersign demo (which adds slack-emulator/target/slack-emulator.jar), or add that jar"
                    + " with java -Dloader.path=<slack-emulator.jar> -jar countersign.jar demo");
            err.flush();
            return CANNOT_START;
        }
        out.println("Starting the Countersign demo (service + emulated Slack)…");
        out.flush();
        Demo demo;
        try {
            demo = Demo.start(new Demo.Settings(port, sandboxPort, dataDir, true));
        } catch (DemoFailure e) {
            err.println("countersign: " + e.getMessage());
            err.flush();
            return CANNOT_START;
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            out.println();
                            out.println("Stopping the demo…");
                            out.flush();
                            demo.close();
                            out.println("Stopped.");
                            out.flush();
                        },
                        "countersign-demo-stop"));
        out.print(DemoReport.of(demo, Path.of("").toAbsolutePath()));
        out.flush();
        demo.awaitStopped();
        return 0;
    }

    /** The emulator is a test double: it ships in its own jar, and only the demo's loader path adds it. */
    private static boolean emulatorPresent() {
        try {
            Class.forName("dev.countersign.emulator.SlackEmulator", false, DemoCommand.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
