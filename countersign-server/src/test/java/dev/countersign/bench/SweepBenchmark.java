package dev.countersign.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.OperatingSystemMXBean;
import dev.countersign.CountersignServer;
import dev.countersign.emulator.EmulatorSettings;
import dev.countersign.emulator.SlackEmulator;
import dev.countersign.schedule.DueWorkSweep;
import dev.countersign.schedule.ScheduleSettings;
import dev.countersign.testing.TestPostgres;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The due-work sweep against 100,000 pending requests in PostgreSQL, in three rounds each with 2,000 past their
 * expiry and 2,000 with a reminder due, with Slack emulated: how long each sweep takes, and how API latency (GET one
 * request, POST a new one, at a fixed rate) compares while sweeps run and while they do not. Runs only when asked for:
 * {@code scripts/bench-sweep.sh} (or {@code -Dcountersign.bench=sweep}); figures in docs/benchmarks.md.
 */
@EnabledIfSystemProperty(named = "countersign.bench", matches = "sweep")
class SweepBenchmark {

    private static final int REQUESTS = 100_000;
    private static final int EXPIRING = 2_000;
    private static final int REMINDED = 2_000;
    /**
     * Sweeps measured, each over its own 2,000 + 2,000 due requests, each after a quiet window: latencies of
     * short sweeps are few, and the quiet and busy windows alternate so that the machine's own drift over the
     * run falls on both alike.
     */
    private static final int ROUNDS = 3;

    private static final int DUE = ROUNDS * (EXPIRING + REMINDED);
    private static final Duration QUIET = Duration.ofSeconds(10);
    /** Requests with a reminder schedule (not due) besides the due ones: half of them, as if half the types remind. */
    private static final int SCHEDULED = 50_000;

    private static final String TOKEN = "sweep-bench-token-1f3e-0123456789abcdef";
    private static final int GETS_PER_SECOND = 40;
    private static final int POSTS_PER_SECOND = 10;

    @TempDir
    Path dataDir;

    @Test
    void dueWorkSweepOverAHundredThousandPendingRequests() throws Exception {
        String database = TestPostgres.freshDatabase("sweep_bench");
        try (SlackEmulator slack = SlackEmulator.start(EmulatorSettings.defaults());
                ConfigurableApplicationContext app =
                        new SpringApplicationBuilder(CountersignServer.class).run(serverArguments(database, slack))) {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            Instant now = Instant.now();
            long insertStarted = System.nanoTime();
            fill(database, now);
            Duration filling = Duration.ofNanos(System.nanoTime() - insertStarted);

            Load load = new Load(port);
            load.run(Duration.ofSeconds(15), null, new Latencies(), new Latencies()); // warm-up, not counted
            DueWorkSweep sweep = app.getBean(DueWorkSweep.class);
            Latencies quietGets = new Latencies();
            Latencies quietPosts = new Latencies();
            Latencies busyGets = new Latencies();
            Latencies busyPosts = new Latencies();
            StringBuilder rounds = new StringBuilder();
            Duration slowest = Duration.ZERO;
            int failures = 0;
            Latencies sendingGets = new Latencies();
            Latencies sendingPosts = new Latencies();
            for (int round = 0; round < ROUNDS; round++) {
                // Quiet means quiet: the Slack work the last round queued is sent first (under the same load).
                Duration[] drained = {Duration.ZERO};
                load.run(null, () -> drained[0] = drain(database), sendingGets, sendingPosts);
                Cost quietFrom = Cost.now(database);
                Load.Result quiet = load.run(QUIET, null, quietGets, quietPosts);
                Cost quietTo = Cost.now(database);
                Instant at = dueAt(now, round).plus(Duration.ofMinutes(5));
                long[] sweepNanos = new long[1];
                Cost[] cost = new Cost[2];
                Load.Result busy = load.run(
                        null,
                        () -> {
                            cost[0] = Cost.now(database);
                            long started = System.nanoTime();
                            sweep.runAt(at);
                            sweepNanos[0] = System.nanoTime() - started;
                            cost[1] = Cost.now(database);
                        },
                        busyGets,
                        busyPosts);
                Duration swept = Duration.ofNanos(sweepNanos[0]);
                slowest = swept.compareTo(slowest) > 0 ? swept : slowest;
                failures += quiet.failures() + busy.failures();
                rounds.append("""
                        round %d: sweep %.2f s (the previous round's Slack work sent within %.0f s before it)
                          API without the sweep (%.0f s): GET %s | POST %s
                          API while the sweep ran (%.1f s): GET %s | POST %s
                          cost without the sweep: %s
                          cost while it ran (API load included): %s
                        """.formatted(
                                round + 1,
                                swept.toMillis() / 1000.0,
                                drained[0].toMillis() / 1000.0,
                                quiet.seconds(),
                                quiet.gets(),
                                quiet.posts(),
                                busy.seconds(),
                                busy.gets(),
                                busy.posts(),
                                quietTo.since(quietFrom).replace("\n", "\n    "),
                                cost[1].since(cost[0]).replace("\n", "\n    ")));
            }

            int expired;
            int reminded;
            int queued;
            try (Connection db = connect(database);
                    Statement s = db.createStatement()) {
                expired = count(s, "select count(*) from approval_request where status = 'EXPIRED'");
                reminded = count(s, "select count(*) from request_reminder where reminders_sent = 1");
                queued = count(s, "select count(*) from delivery_outbox where kind in ('REMIND', 'TELL_EXPIRED')");
            }
            Latencies.Summary quietGet = quietGets.summary();
            Latencies.Summary quietPost = quietPosts.summary();
            Latencies.Summary busyGet = busyGets.summary();
            Latencies.Summary busyPost = busyPosts.summary();
            String report = """
                    sweep benchmark: %,d pending requests (%,d rounds of %,d past expiry and %,d with a reminder due; \
                    %,d more with a reminder schedule), PostgreSQL, Slack emulated; sweep threads: %d; filled in %.1f s
                    %s
                    all %d rounds: slowest sweep %.2f s — expired %,d, reminded %,d, Slack tasks queued %,d
                    API without the sweep (%d GET/s + %d POST/s): GET %s | POST %s
                    API while the sweep ran:                     GET %s | POST %s
                    while sweeping, GET p50 %.2fx p99 %.2fx, POST p50 %.2fx p99 %.2fx
                    API while the rounds' Slack work was sent afterwards: GET %s | POST %s
                    """.formatted(
                            REQUESTS,
                            ROUNDS,
                            EXPIRING,
                            REMINDED,
                            SCHEDULED,
                            app.getBean(ScheduleSettings.class).sweepThreads(),
                            filling.toMillis() / 1000.0,
                            rounds.toString().strip(),
                            ROUNDS,
                            slowest.toMillis() / 1000.0,
                            expired,
                            reminded,
                            queued,
                            GETS_PER_SECOND,
                            POSTS_PER_SECOND,
                            quietGet,
                            quietPost,
                            busyGet,
                            busyPost,
                            ratio(busyGet.p50(), quietGet.p50()),
                            ratio(busyGet.p99(), quietGet.p99()),
                            ratio(busyPost.p50(), quietPost.p50()),
                            ratio(busyPost.p99(), quietPost.p99()),
                            sendingGets.summary(),
                            sendingPosts.summary());
            System.out.println(report);
            Files.writeString(Path.of("target", "sweep-bench.txt"), report);

            assertThat(expired).isEqualTo(ROUNDS * EXPIRING);
            assertThat(reminded).isEqualTo(ROUNDS * REMINDED);
            assertThat(failures).isZero();
            assertThat(slowest).isLessThan(Duration.ofSeconds(10));
        }
    }

    /**
     * The server as {@code ./countersign serve} would run it on PostgreSQL; scripts/bench-sweep.sh
     * -Dcountersign.bench.sweep-threads=N tries another COUNTERSIGN_SCHEDULE_SWEEP_THREADS.
     */
    private String[] serverArguments(String database, SlackEmulator slack) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--countersign.db.url=" + database,
                "--countersign.db.user=" + TestPostgres.USER,
                "--countersign.db.password=" + TestPostgres.PASSWORD,
                "--countersign.api-token=" + TOKEN,
                "--countersign.data-dir=" + dataDir,
                // The sweep is run by hand here, to time it; the scheduler's own runs once at start (empty).
                "--countersign.schedule.sweep-interval=24h",
                "--countersign.types.bench.remind-every=4h",
                "--countersign.slack.bot-token=" + slack.botToken(),
                "--countersign.slack.signing-secret=" + slack.signingSecret(),
                "--countersign.slack.api-url=" + slack.apiUrl()));
        String threads = System.getProperty("countersign.bench.sweep-threads");
        if (threads != null) {
            arguments.add("--countersign.schedule.sweep-threads=" + threads);
        }
        return arguments.toArray(String[]::new);
    }

    /**
     * When round {@code round}'s requests fell due: rounds ten minutes apart, all in the past, so that a sweep run
     * "at" five minutes after one round's time finds that round's work and no later one's.
     */
    private static Instant dueAt(Instant filledAt, int round) {
        return filledAt.minus(Duration.ofMinutes(10L * (ROUNDS - round)));
    }

    /**
     * Waits until the outbox has nothing left to send; how long that took. Then brings the statistics up to date,
     * as autovacuum does on a server that took weeks, not a minute, to grow its outbox and delivery problems by
     * thousands of rows: otherwise the statements of the next windows run on plans made for the empty tables of
     * the fill, and get slower with every round whether a sweep runs or not.
     */
    private static Duration drain(String database) {
        long started = System.nanoTime();
        try (Connection db = connect(database);
                Statement s = db.createStatement()) {
            while (count(s, "select count(*) from delivery_outbox where done_at is null") > 0) {
                if (System.nanoTime() - started > TimeUnit.MINUTES.toNanos(3)) {
                    throw new IllegalStateException("the outbox was not sent within 3 minutes");
                }
                Thread.sleep(250);
            }
            s.execute("analyze");
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Multi-row inserts (the driver rewrites each batch into one statement): 100,000 requests in seconds. */
    private static void fill(String database, Instant now) throws SQLException {
        try (Connection db = connect(database + "?reWriteBatchedInserts=true")) {
            db.setAutoCommit(false);
            try (PreparedStatement request = db.prepareStatement("""
                    insert into approval_request (id, type, title, fields, requester, mode, executors, status,
                        level_number, created_at, expires_at, version)
                    values (?, 'bench', ?, '{}', ?, 'STANDARD', '[]', 'PENDING', 1, ?, ?, 0)""");
                    PreparedStatement level = db.prepareStatement(
                            "insert into approval_level (request_id, level_no, required) values (?, 1, 1)");
                    PreparedStatement approver = db.prepareStatement(
                            "insert into approval_approver (request_id, level_no, position, email) values (?, 1, ?, ?)");
                    PreparedStatement reminder = db.prepareStatement("""
                         insert into request_reminder (request_id, level_number, next_reminder_at, reminders_sent)
                         values (?, 1, ?, 0)""")) {
                for (int i = 0; i < REQUESTS; i++) {
                    String id = "%032x".formatted(i);
                    request.setString(1, id);
                    request.setString(2, "Bench request " + i);
                    request.setString(3, "requester" + (i % 500) + "@bench.example.com");
                    request.setObject(4, at(now.minus(Duration.ofDays(1)).minusMillis(i)));
                    // The expiring ones are due in their round; a third of the rest expire in a month, the others
                    // never.
                    request.setObject(
                            5,
                            i < ROUNDS * EXPIRING
                                    ? at(dueAt(now, i / EXPIRING))
                                    : i % 3 == 0 ? at(now.plus(Duration.ofDays(30))) : null);
                    request.addBatch();
                    level.setString(1, id);
                    level.addBatch();
                    for (int p = 0; p < 2; p++) {
                        approver.setString(1, id);
                        approver.setInt(2, p);
                        approver.setString(3, "approver" + ((i + p) % 1000) + "@bench.example.com");
                        approver.addBatch();
                    }
                    boolean due = i >= ROUNDS * EXPIRING && i < DUE;
                    if (due || i < DUE + SCHEDULED) {
                        reminder.setString(1, id);
                        reminder.setObject(
                                2,
                                due
                                        ? at(dueAt(now, (i - ROUNDS * EXPIRING) / REMINDED))
                                        : at(now.plus(Duration.ofMinutes(10 + i % 240))));
                        reminder.addBatch();
                    }
                    if (i % 1000 == 999) {
                        request.executeBatch();
                        level.executeBatch();
                        approver.executeBatch();
                        reminder.executeBatch();
                    }
                }
                request.executeBatch();
                level.executeBatch();
                approver.executeBatch();
                reminder.executeBatch();
            }
            db.commit();
            db.setAutoCommit(true);
            try (Statement s = db.createStatement()) {
                s.execute("analyze");
            }
        }
    }

    /**
     * CPU used by this JVM (server, emulated Slack and load generator) and by all PostgreSQL processes, with the
     * bench database's commit and row counters: what the sweep spends, and where.
     */
    private record Cost(
            long jvmNanos,
            long postgresTicks,
            long commits,
            long rowsRead,
            long rowsWritten,
            long slackSent,
            Map<String, long[]> tables) {

        static Cost now(String database) {
            long jvm = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
            long ticks = ProcessHandle.allProcesses()
                    .filter(p ->
                            p.info().command().map(c -> c.contains("postgres")).orElse(false))
                    .mapToLong(SweepBenchmark::cpuTicks)
                    .sum();
            try (Connection db = connect(database);
                    Statement s = db.createStatement();
                    var rs = s.executeQuery("""
                         select xact_commit, tup_returned + tup_fetched, tup_inserted + tup_updated + tup_deleted,
                             (select count(*) from delivery_outbox where done_at is not null)
                         from pg_stat_database where datname = current_database()""")) {
                rs.next();
                long commits = rs.getLong(1);
                long read = rs.getLong(2);
                long written = rs.getLong(3);
                long sent = rs.getLong(4);
                Map<String, long[]> tables = new TreeMap<>();
                try (var t = s.executeQuery("""
                        select relname, seq_scan, seq_tup_read, coalesce(idx_scan, 0), coalesce(idx_tup_fetch, 0)
                        from pg_stat_user_tables""")) {
                    while (t.next()) {
                        tables.put(t.getString(1), new long[] {t.getLong(2), t.getLong(3), t.getLong(4), t.getLong(5)});
                    }
                }
                return new Cost(jvm, ticks, commits, read, written, sent, tables);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        String since(Cost before) {
            return ("CPU %.1f s in the JVM, %.1f s in PostgreSQL; %,d commits, %,d rows read, %,d written; "
                                    + "%,d Slack tasks sent")
                            .formatted(
                                    (jvmNanos - before.jvmNanos) / 1e9,
                                    (postgresTicks - before.postgresTicks) / 100.0,
                                    commits - before.commits,
                                    rowsRead - before.rowsRead,
                                    rowsWritten - before.rowsWritten,
                                    slackSent - before.slackSent)
                    + tables.entrySet().stream()
                            .map(e -> {
                                long[] was = before.tables.getOrDefault(e.getKey(), new long[4]);
                                long[] is = e.getValue();
                                if (is[1] - was[1] + is[3] - was[3] == 0) {
                                    return ""; // nothing read from it
                                }
                                return "\n  %s: %,d seq scans reading %,d rows, %,d index scans fetching %,d"
                                        .formatted(
                                                e.getKey(),
                                                is[0] - was[0],
                                                is[1] - was[1],
                                                is[2] - was[2],
                                                is[3] - was[3]);
                            })
                            .reduce("", String::concat);
        }
    }

    /** User + system time of a process, in clock ticks (1/100 s), from /proc; 0 for one that ended meanwhile. */
    private static long cpuTicks(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, TestPostgres.USER, TestPostgres.PASSWORD);
    }

    private static int count(Statement s, String sql) throws SQLException {
        try (var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static double ratio(double busy, double quiet) {
        return quiet == 0 ? 0 : busy / quiet;
    }

    /** GETs of random existing requests and POSTs of new ones, each at a fixed rate (an open loop). */
    private static final class Load {

        record Result(Latencies.Summary gets, Latencies.Summary posts, int failures, double seconds) {}

        /**
         * The measuring instrument runs at the priority of the server's answering threads (as scripts/bench.sh runs
         * the clicks generator), so that its own threads do not wait behind the sweep's and time answers late.
         */
        private static final ThreadFactory INSTRUMENT = Thread.ofPlatform()
                .name("sweep-bench-load-", 0)
                .daemon()
                .priority(Thread.MAX_PRIORITY)
                .factory();

        private final HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newCachedThreadPool(INSTRUMENT))
                .build();
        private final URI base;

        Load(int port) {
            this.base = URI.create("http://127.0.0.1:" + port + "/api/v1/requests");
        }

        /** For {@code length}, or for as long as {@code during} runs (started a second in). */
        /** Records into {@code allGets} and {@code allPosts} as well; the result summarises this run's own calls. */
        Result run(Duration length, Runnable during, Latencies allGets, Latencies allPosts) throws Exception {
            Latencies gets = new Latencies();
            Latencies posts = new Latencies();
            AtomicInteger failures = new AtomicInteger();
            AtomicBoolean counting = new AtomicBoolean(during == null);
            List<CompletableFuture<?>> sent = new ArrayList<>();
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(INSTRUMENT);
            timer.scheduleAtFixedRate(
                    () -> sent.add(send(get(), List.of(gets, allGets), failures, counting)),
                    0,
                    1_000_000 / GETS_PER_SECOND,
                    TimeUnit.MICROSECONDS);
            timer.scheduleAtFixedRate(
                    () -> sent.add(send(post(), List.of(posts, allPosts), failures, counting)),
                    0,
                    1_000_000 / POSTS_PER_SECOND,
                    TimeUnit.MICROSECONDS);
            double seconds;
            if (during == null) {
                Thread.sleep(length);
                seconds = length.toMillis() / 1000.0;
            } else {
                Thread.sleep(1_000);
                counting.set(true);
                long from = System.nanoTime();
                during.run();
                counting.set(false);
                seconds = (System.nanoTime() - from) / 1e9;
            }
            timer.shutdownNow();
            timer.awaitTermination(5, TimeUnit.SECONDS);
            synchronized (sent) {
                CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            }
            return new Result(gets.summary(), posts.summary(), failures.get(), seconds);
        }

        private HttpRequest get() {
            String id = "%032x".formatted(ThreadLocalRandom.current().nextInt(DUE, REQUESTS));
            return HttpRequest.newBuilder(URI.create(base + "/" + id))
                    .header("Authorization", "Bearer " + TOKEN)
                    .timeout(Duration.ofSeconds(30))
                    .GET()
                    .build();
        }

        private HttpRequest post() {
            String body = """
                    {"type":"bench-api","title":"Load request","requester":"load@bench.example.com",
                     "levels":[{"approvers":["approver1@bench.example.com"],"required":1}]}""";
            return HttpRequest.newBuilder(base)
                    .header("Authorization", "Bearer " + TOKEN)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        }

        private CompletableFuture<?> send(
                HttpRequest request, List<Latencies> latencies, AtomicInteger failures, AtomicBoolean counting) {
            boolean counted = counting.get();
            long started = System.nanoTime();
            return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .handle((response, error) -> {
                        if (!counted) {
                            return null;
                        }
                        if (error != null || response.statusCode() >= 300) {
                            failures.incrementAndGet();
                        } else {
                            long elapsed = System.nanoTime() - started;
                            latencies.forEach(l -> l.record(elapsed));
                        }
                        return null;
                    });
        }
    }
}
