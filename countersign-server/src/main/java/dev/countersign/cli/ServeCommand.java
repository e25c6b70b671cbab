package dev.countersign.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code countersign serve}: documented here, but started by {@link dev.countersign.Countersign#main} before the
 * CLI is even built, so that the client commands never load Spring. Reaching {@link #call()} means something came
 * before {@code serve} on the command line.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        versionProvider = CountersignVersion.class,
        header = "Run the Countersign server.",
        description = {
            "Starts the server: REST API under /api/v1, OpenAPI description, embedded H2 database in the data "
                    + "directory unless COUNTERSIGN_DB_URL names a PostgreSQL database.",
            "Any further arguments go to Spring Boot, e.g. --server.port=9090."
        },
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  SERVER_PORT              HTTP port (default 8080)",
            "  COUNTERSIGN_BASE_URL     public URL for links (default http://localhost:PORT)",
            "  COUNTERSIGN_API_TOKEN    admin API token; if unset, one is generated and",
            "                           written to $COUNTERSIGN_DATA_DIR/api-token",
            "  COUNTERSIGN_DATA_DIR     data directory, embedded database (default ./data)",
            "  COUNTERSIGN_DB_URL       JDBC URL of a PostgreSQL database instead,",
            "                           with COUNTERSIGN_DB_USER, COUNTERSIGN_DB_PASSWORD",
            "  SLACK_BOT_TOKEN          Slack bot token (xoxb-…), with SLACK_SIGNING_SECRET",
            "                           (Request URL) or SLACK_APP_TOKEN (xapp-…, Socket Mode)",
            "  'countersign doctor' checks these settings."
        })
final class ServeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Unmatched
    private List<String> springArguments;

    @Override
    public Integer call() {
        spec.commandLine()
                .getErr()
                .println("countersign: 'serve' must be the first argument, e.g. countersign serve "
                        + "--server.port=9090");
        return ExitCode.USAGE_ERROR.code();
    }
}
