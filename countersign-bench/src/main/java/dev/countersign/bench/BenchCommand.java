package dev.countersign.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code countersign bench}: puts a running server under load over its REST API and prints what it measured.
 * See the package description for the scenarios and {@code scripts/bench.sh} for a complete run against a fresh
 * PostgreSQL database.
 */
@Command(
        name = "bench",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        header = "Load a running server over HTTP and print throughput and latency.",
        description = {
            "Scenarios (default: the first three, in this order):",
            "  creates  creations at --rate/s (or by --concurrency callers) for",
            "           --duration, after a --warmup that is not counted (plus up to 15s",
            "           of the same open loop, to let connection pools settle)",
            "  release  --requests times: create, park a waiter on /wait, approve;",
            "           times the approval until the waiter has its answer (after",
            "           --release-warmup such sequences that are not counted)",
            "  waiters  hold --waiters long-polls at once, check that a GET stays",
            "           quick, approve all, check every waiter was released",
            "  clicks   only when named: plays Slack with an emulator on",
            "           --emulator-port, creates requests whose approvers get DMs, then",
            "           clicks Approve on them, signed, at --click-rate/s for",
            "           --click-duration after --click-warmup; times each ack and checks",
            "           that every decision was recorded and every DM redrawn. The",
            "           server must use that emulator: the same SLACK_BOT_TOKEN and",
            "           SLACK_SIGNING_SECRET as the bench (--slack-bot-token,",
            "           --slack-signing-secret), and",
            "           COUNTERSIGN_SLACK_API_URL=http://127.0.0.1:<port>/api/",
            "Only a server on this machine (localhost, 127.0.0.1) is accepted. The",
            "server's own figures (threads, connections) are shown when it exposes",
            "/actuator/metrics.",
            "",
            "Example:",
            "  countersign bench --url http://127.0.0.1:8080 --scenario creates \\",
            "    --rate 1000 --duration 30s"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every scenario ran and no operation failed (targets met or not: read the figures)",
            "3:usage or configuration error",
            "4:the server could not be reached, refused the token, or some operations failed"
        })
public final class BenchCommand implements Callable<Integer> {

    private static final int SUCCESS = 0;
    private static final int FAILED = 4;
    /**
     * The creations warm-up is a closed loop with this many callers whatever the measured shape: it loads the server
     * as fast as it answers, no faster, so a cold server's JIT compilation (which competes for the same two cores)
     * cannot build up a backlog of scheduled creations that spills into the measurement.
     */
    private static final int WARMUP_CALLERS = 16;
    /**
     * An open-loop measurement is preceded by this much of the same open loop, not counted: switching from the
     * warm-up's 16 steady connections to arrivals at a rate makes the client and Tomcat open new connections
     * whenever a burst meets a hiccup, which costs the CPU that causes the next hiccup; that settles within about
     * ten seconds, once both sides hold enough connections.
     */
    private static final Duration OPEN_LOOP_SETTLING = Duration.ofSeconds(15);
    /** The clicks scenario's Slack credentials unless SLACK_BOT_TOKEN / SLACK_SIGNING_SECRET say otherwise. */
    static final String BOT_TOKEN = "xoxb-countersign-bench";

    static final String SIGNING_SECRET = "countersign-bench-signing-secret";

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--url",
            paramLabel = "URL",
            description = "Server URL on this machine (default: $COUNTERSIGN_URL or " + BenchTarget.DEFAULT_URL + ").")
    private String url;

    @Option(
            names = "--token",
            paramLabel = "TOKEN",
            description = "API token (default: $COUNTERSIGN_API_TOKEN, else <data dir>/api-token).")
    private String token;

    @Option(
            names = "--scenario",
            paramLabel = "NAME",
            split = ",",
            converter = Scenario.Converter.class,
            description = "Which scenarios to run: creates, release, waiters (comma-separated; default: all).")
    private List<Scenario> scenarios;

    @Option(
            names = "--rate",
            paramLabel = "N",
            defaultValue = "1000",
            description = "creates: creations per second, open loop (default: ${DEFAULT-VALUE}).")
    private int rate;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            defaultValue = "0",
            description = "creates: N callers in a closed loop instead of --rate.")
    private int concurrency;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = BenchDurationConverter.class,
            description = "creates: how long to measure (default: ${DEFAULT-VALUE}).")
    private Duration duration;

    @Option(
            names = "--warmup",
            paramLabel = "DURATION",
            defaultValue = "60s",
            converter = BenchDurationConverter.class,
            description = {
                "creates: closed-loop load before measuring, not counted (default: ${DEFAULT-VALUE});",
                "an open loop then runs up to 15s more at --rate, not counted either."
            })
    private Duration warmup;

    @Option(
            names = "--max-in-flight",
            paramLabel = "N",
            defaultValue = "1000",
            description =
                    "creates, clicks: most operations outstanding at once in the open loop (default: ${DEFAULT-VALUE}).")
    private int maxInFlight;

    @Option(
            names = "--requests",
            paramLabel = "M",
            defaultValue = "2000",
            description = "release: how many requests to approve (default: ${DEFAULT-VALUE}).")
    private int requests;

    @Option(
            names = "--release-warmup",
            paramLabel = "N",
            defaultValue = "500",
            description = "release: sequences run first and not counted (default: ${DEFAULT-VALUE}).")
    private int releaseWarmup;

    @Option(
            names = "--release-concurrency",
            paramLabel = "N",
            defaultValue = "32",
            description = "release: how many create-wait-approve sequences at once (default: ${DEFAULT-VALUE}).")
    private int releaseConcurrency;

    @Option(
            names = "--park-pause",
            paramLabel = "DURATION",
            defaultValue = "200ms",
            converter = BenchDurationConverter.class,
            description = "release: pause between opening the waiter and approving (default: ${DEFAULT-VALUE}).")
    private Duration parkPause;

    @Option(
            names = "--waiters",
            paramLabel = "N",
            defaultValue = "10000",
            description = "waiters: how many concurrent long-polls (default: ${DEFAULT-VALUE}).")
    private int waiters;

    @Option(
            names = "--hold",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = BenchDurationConverter.class,
            description = "waiters: how long to hold them all before approving (default: ${DEFAULT-VALUE}).")
    private Duration hold;

    @Option(
            names = "--open-rate",
            paramLabel = "N",
            defaultValue = "2000",
            description = "waiters: long-polls opened per second (default: ${DEFAULT-VALUE}).")
    private int openRate;

    @Option(
            names = "--end-concurrency",
            paramLabel = "N",
            defaultValue = "32",
            description = "waiters: approvals sent at once when ending them all (default: ${DEFAULT-VALUE}).")
    private int endConcurrency;

    @Option(
            names = "--click-rate",
            paramLabel = "N",
            defaultValue = "300",
            description = "clicks: signed Approve clicks per second, open loop (default: ${DEFAULT-VALUE}).")
    private int clickRate;

    @Option(
            names = "--click-duration",
            paramLabel = "DURATION",
            defaultValue = "60s",
            converter = BenchDurationConverter.class,
            description = "clicks: how long to measure (default: ${DEFAULT-VALUE}).")
    private Duration clickDuration;

    @Option(
            names = "--click-warmup",
            paramLabel = "DURATION",
            defaultValue = "20s",
            converter = BenchDurationConverter.class,
            description = "clicks: the same open loop first, not counted (default: ${DEFAULT-VALUE}).")
    private Duration clickWarmup;

    @Option(
            names = "--click-approvers",
            paramLabel = "N",
            defaultValue = "3",
            description = "clicks: approvers per request, all of whom must approve (default: ${DEFAULT-VALUE}).")
    private int clickApprovers;

    @Option(
            names = "--double-clicks",
            paramLabel = "SHARE",
            defaultValue = "0.1",
            description = {
                "clicks: share of clicks that repeat a click 100 ms earlier on the same DM",
                "(refused with an ephemeral message) (default: ${DEFAULT-VALUE})."
            })
    private double doubleClicks;

    @Option(
            names = "--emulator-port",
            paramLabel = "PORT",
            defaultValue = "18090",
            description = "clicks: port of the Slack emulator the server calls (default: ${DEFAULT-VALUE}).")
    private int emulatorPort;

    @Option(
            names = "--slack-bot-token",
            paramLabel = "TOKEN",
            description = "clicks: the server's SLACK_BOT_TOKEN (default: $SLACK_BOT_TOKEN, else " + BOT_TOKEN + ").")
    private String slackBotToken;

    @Option(
            names = "--slack-signing-secret",
            paramLabel = "SECRET",
            description = {
                "clicks: the server's SLACK_SIGNING_SECRET (default: $SLACK_SIGNING_SECRET,",
                "else " + SIGNING_SECRET + ")."
            })
    private String slackSigningSecret;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    private boolean help;

    @Override
    public Integer call() throws InterruptedException {
        validate();
        BenchTarget target;
        try {
            target =
                    BenchTarget.resolve(url, token, System.getenv(), Path.of("").toAbsolutePath());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (BenchClient client = new BenchClient(target)) {
            String problem = reachable(client);
            if (problem != null) {
                err.println("countersign bench: " + problem);
                err.flush();
                return FAILED;
            }
            ServerMetrics metrics = new ServerMetrics(client);
            Report report = new Report(out);
            report.header(client, metrics);
            long failures = 0;
            for (Scenario scenario : selected()) {
                failures += switch (scenario) {
                    case CREATES -> creates(client, report);
                    case RELEASE -> release(client, report);
                    case WAITERS -> waiters(client, metrics, report);
                    case CLICKS -> clicks(client, report);
                };
            }
            out.flush();
            return failures == 0 ? SUCCESS : FAILED;
        }
    }

    private long creates(BenchClient client, Report report) throws InterruptedException {
        CreationLoad load = new CreationLoad(client);
        CreationLoad.Shape shape = new CreationLoad.Shape(concurrency > 0 ? 0 : rate, concurrency, maxInFlight);
        List<CreationLoad.Result> warm = new ArrayList<>();
        warm.add(load.run(
                new CreationLoad.Shape(0, concurrency > 0 ? concurrency : WARMUP_CALLERS, maxInFlight), warmup));
        if (shape.openLoop() && !warmup.isZero()) {
            warm.add(load.run(shape, warmup.compareTo(OPEN_LOOP_SETTLING) < 0 ? warmup : OPEN_LOOP_SETTLING));
        }
        CpuUse cpu = new CpuUse(client);
        CpuUse.Sample before = cpu.sample();
        CreationLoad.Result result = load.run(shape, duration);
        report.creations(warm, result, CpuUse.describe(before, cpu.sample(), result.created(), "creation"));
        return result.failures().total();
    }

    private long release(BenchClient client, Report report) {
        DecisionRelease release = new DecisionRelease(client);
        DecisionRelease.Result warm = release.run(releaseWarmup, releaseConcurrency, parkPause);
        CpuUse cpu = new CpuUse(client);
        CpuUse.Sample before = cpu.sample();
        DecisionRelease.Result result = release.run(requests, releaseConcurrency, parkPause);
        report.release(
                warm, result, CpuUse.describe(before, cpu.sample(), result.released(), "create-wait-approve sequence"));
        return result.failures().total();
    }

    private long waiters(BenchClient client, ServerMetrics metrics, Report report) throws InterruptedException {
        CpuUse cpu = new CpuUse(client);
        CpuUse.Sample before = cpu.sample();
        WaiterHold.Result result = new WaiterHold(client, metrics).run(waiters, openRate, hold, endConcurrency);
        report.waiters(
                result,
                CpuUse.describe(
                        before,
                        cpu.sample(),
                        result.released(),
                        "waiter (create, wait, approve, over the whole scenario)"));
        return result.requestFailures().total()
                + result.waitFailures().total()
                + result.probeFailures().total();
    }

    private long clicks(BenchClient client, Report report) throws InterruptedException {
        var environment = System.getenv();
        ClickAcks.Settings settings = new ClickAcks.Settings(
                clickRate,
                clickWarmup,
                clickDuration,
                clickApprovers,
                doubleClicks,
                maxInFlight,
                emulatorPort,
                slackBotToken != null ? slackBotToken : environment.getOrDefault("SLACK_BOT_TOKEN", BOT_TOKEN),
                slackSigningSecret != null
                        ? slackSigningSecret
                        : environment.getOrDefault("SLACK_SIGNING_SECRET", SIGNING_SECRET));
        ClickAcks.Result result = new ClickAcks(client).run(settings);
        report.clicks(result);
        return result.failures();
    }

    private EnumSet<Scenario> selected() {
        return scenarios == null || scenarios.isEmpty() ? Scenario.byDefault() : EnumSet.copyOf(scenarios);
    }

    /** A cheap authenticated call first, so that a wrong URL or token is one clear message, not 30,000 errors. */
    private static String reachable(BenchClient client) throws InterruptedException {
        try {
            int status = client.list(1).status();
            return switch (status) {
                case 200 -> null;
                case 401 ->
                    "the server at " + client.baseUrl() + " refused the token (401); pass --token or set "
                            + "COUNTERSIGN_API_TOKEN";
                default -> "the server at " + client.baseUrl() + " answered " + status + " to a list call";
            };
        } catch (IOException e) {
            return "cannot reach the server at " + client.baseUrl() + ": " + e
                    + " (is it running? pass --url or set COUNTERSIGN_URL)";
        }
    }

    private void validate() {
        atLeast("--rate", rate, 0);
        atLeast("--concurrency", concurrency, 0);
        atLeast("--max-in-flight", maxInFlight, 1);
        atLeast("--requests", requests, 1);
        atLeast("--release-warmup", releaseWarmup, 0);
        atLeast("--release-concurrency", releaseConcurrency, 1);
        atLeast("--waiters", waiters, 1);
        atLeast("--open-rate", openRate, 1);
        atLeast("--end-concurrency", endConcurrency, 1);
        atLeast("--click-rate", clickRate, 1);
        atLeast("--click-approvers", clickApprovers, 1);
        atLeast("--emulator-port", emulatorPort, 1);
        if (clickApprovers > 50) {
            throw new ParameterException(spec.commandLine(), "--click-approvers must be at most 50 (a level's most)");
        }
        if (doubleClicks < 0 || doubleClicks > 0.5) {
            throw new ParameterException(spec.commandLine(), "--double-clicks must be between 0 and 0.5");
        }
        if (clickDuration.isZero()) {
            throw new ParameterException(spec.commandLine(), "--click-duration must be above zero");
        }
        if (rate == 0 && concurrency == 0) {
            throw new ParameterException(spec.commandLine(), "creates needs --rate N or --concurrency N above 0");
        }
        if (duration.isZero() || parkPause.isZero() && selected().contains(Scenario.RELEASE)) {
            throw new ParameterException(spec.commandLine(), "--duration and --park-pause must be above zero");
        }
        if (hold.plus(Duration.ofSeconds(waiters / openRate)).compareTo(WaiterHold.WAIT_TIMEOUT.dividedBy(2)) > 0) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--hold plus the time to open --waiters at --open-rate "
                            + "must stay under "
                            + WaiterHold.WAIT_TIMEOUT.dividedBy(2).toSeconds() + "s, or the waiters' "
                            + WaiterHold.WAIT_TIMEOUT.toSeconds()
                            + "s long-polls would time out before they are released");
        }
    }

    private void atLeast(String option, int value, int minimum) {
        if (value < minimum) {
            throw new ParameterException(
                    spec.commandLine(), option + " must be at least " + minimum + ", was " + value);
        }
    }
}
