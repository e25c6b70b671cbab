package dev.countersign;

import dev.countersign.cli.CountersignCli;
import java.util.Arrays;

/**
 * The jar's main class: {@code countersign serve} runs the server, any other command is the CLI.
 *
 * <p>The split happens here, before anything else is loaded, so the CLI never starts Spring: a {@code status}
 * or {@code wait} call stays quick and needs nothing but the server's URL and token. ({@code demo} is a CLI
 * command that starts the server itself, together with an emulated Slack: see {@link dev.countersign.demo}.)
 */
public final class Countersign {

    private Countersign() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("serve") && !CountersignCli.asksForHelp(args)) {
            // no System.exit here: the server runs on its own non-daemon threads until it is stopped
            CountersignServer.start(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(CountersignCli.run(args));
    }
}
