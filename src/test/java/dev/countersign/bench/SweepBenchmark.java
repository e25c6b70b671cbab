package dev.countersign.bench;

import dev.countersign.CountersignServer;
import dev.countersign.emulator.EmulatorSettings;
import dev.countersign.emulator.SlackEmulator;
import dev.countersign.schedule.DueWorkSweep;
import dev.countersign.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The due-work sweep against 100,000 pending requests in PostgreSQL, 2,000 of them past their expiry and 2,000 with
 * a reminder due, with Slack emulated: how long the sweep takes, and how API latency (GET one request, POST a new
 * one, at a fixed rate) compares while it runs and while it does not. Runs only when asked for:
 * {@code scripts/bench-sweep.sh} (or {@code -Dcountersign.bench=sweep}); figures in docs/benchmarks.md.
 */
@EnabledIfSystemProperty(named = "countersign.bench", matches = "sweep")
class SweepBenchmark {

    private static final int REQUESTS = 100_000;
    private static final int EXPIRING = 2_000;
    private static final int REMINDED = 2_000;
    /** Requests with a reminder schedule (not due) besides the due ones: half of them, as if half the types remind. */
    private static final int SCHEDULED = 50_000;
    private static final String TOKEN = "sweep-bench-token-1f3e";
    private static final int GETS_PER_SECOND = 40;
    private static final int POSTS_PER_SECOND = 10;

    @TempDir
    Path dataDir;

    @Test
    void dueWorkSweepOverAHundredThousandPendingRequests() throws Exception {
        String database = TestPostgres.freshDatabase("sweep_bench");
        try (SlackEmulator slack = SlackEmulator.start(EmulatorSettings.defaults());
             ConfigurableApplicationContext app = new SpringApplicationBuilder(CountersignServer.class).run(
                     "--server.port=0", "--countersign.db.url=" + database,
                     "--countersign.db.user=" + TestPostgres.USER, "--countersign.db.password=" + TestPostgres.PASSWORD,
                     "--countersign.api-token=" + TOKEN, "--countersign.data-dir=" + dataDir,
                     // The sweep is run by hand here, to time it; the scheduler's own runs once at start (empty).
                     "--countersign.schedule.sweep-interval=24h", "--countersign.types.bench.remind-every=4h",
                     "--countersign.slack.bot-token=" + slack.botToken(),
                     "--countersign.slack.signing-secret=" + slack.signingSecret(),
                     "--countersign.slack.api-url=" + slack.apiUrl())) {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            Instant now = Instant.now();
            long insertStarted = System.nanoTime();
            fill(database, now);
            Duration filling = Duration.ofNanos(System.nanoTime() - insertStarted);

            Load load = new Load(port);
            load.run(Duration.ofSeconds(15), null);  // warm-up, not counted
            Load.Result quiet = load.run(Duration.ofSeconds(20), null);
            DueWorkSweep sweep = app.getBean(DueWorkSweep.class);
            long[] sweepNanos = new long[1];
            Load.Result busy = load.run(null, () -> {
                long started = System.nanoTime();
                sweep.runAt(Instant.now());
                sweepNanos[0] = System.nanoTime() - started;
            });
            Duration swept = Duration.ofNanos(sweepNanos[0]);

            int expired;
            int reminded;
            int queued;
            try (Connection db = connect(database); Statement s = db.createStatement()) {
                expired = count(s, "select count(*) from approval_request where status = 'EXPIRED'");
                reminded = count(s, "select count(*) from request_reminder where reminders_sent = 1");
                queued = count(s, "select count(*) from slack_outbox where task in ('REMIND', 'TELL_EXPIRED')");
            }
            String report = """
                    sweep benchmark: %,d pending requests (%,d past expiry, %,d with a reminder due, %,d more with a \
                    reminder schedule), PostgreSQL, Slack emulated; filled in %.1f s
                    sweep: %.2f s — expired %,d, reminded %,d, Slack tasks queued %,d (REMIND + TELL_EXPIRED)
                    API without the sweep (%d GET/s + %d POST/s, %.0f s): GET %s | POST %s
                    API while the sweep ran (%.1f s):                     GET %s | POST %s
                    p99 ratio while sweeping: GET %.2fx, POST %.2fx
                    """.formatted(REQUESTS, EXPIRING, REMINDED, SCHEDULED, filling.toMillis() / 1000.0,
                    swept.toMillis() / 1000.0, expired, reminded, queued,
                    GETS_PER_SECOND, POSTS_PER_SECOND, quiet.seconds(), quiet.gets(), quiet.posts(),
                    busy.seconds(), busy.gets(), busy.posts(),
                    ratio(busy.gets().p99(), quiet.gets().p99()), ratio(busy.posts().p99(), quiet.posts().p99()));
            System.out.println(report);
            Files.writeString(Path.of("target", "sweep-bench.txt"), report);

            assertThat(expired).isEqualTo(EXPIRING);
            assertThat(reminded).isEqualTo(REMINDED);
            assertThat(quiet.failures() + busy.failures()).isZero();
            assertThat(swept).isLessThan(Duration.ofSeconds(10));
        }
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
                    // The expiring ones are due a minute ago; a third of the rest expire in a month, the others never.
                    request.setObject(5, i < EXPIRING ? at(now.minusSeconds(60))
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
                    boolean due = i >= EXPIRING && i < EXPIRING + REMINDED;
                    if (due || i < EXPIRING + REMINDED + SCHEDULED) {
                        reminder.setString(1, id);
                        reminder.setObject(2, due ? at(now.minusSeconds(60))
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

        record Result(Latencies.Summary gets, Latencies.Summary posts, int failures, double seconds) {
        }

        /**
         * The measuring instrument runs at the priority of the server's answering threads (as scripts/bench.sh runs
         * the clicks generator), so that its own threads do not wait behind the sweep's and time answers late.
         */
        private static final ThreadFactory INSTRUMENT =
                Thread.ofPlatform().name("sweep-bench-load-", 0).daemon().priority(Thread.MAX_PRIORITY).factory();

        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newCachedThreadPool(INSTRUMENT)).build();
        private final URI base;

        Load(int port) {
            this.base = URI.create("http://127.0.0.1:" + port + "/api/v1/requests");
        }

        /** For {@code length}, or for as long as {@code during} runs (started a second in). */
        Result run(Duration length, Runnable during) throws Exception {
            Latencies gets = new Latencies();
            Latencies posts = new Latencies();
            AtomicInteger failures = new AtomicInteger();
            AtomicBoolean counting = new AtomicBoolean(during == null);
            List<CompletableFuture<?>> sent = new ArrayList<>();
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(INSTRUMENT);
            timer.scheduleAtFixedRate(() -> sent.add(send(get(), gets, failures, counting)), 0,
                    1_000_000 / GETS_PER_SECOND, TimeUnit.MICROSECONDS);
            timer.scheduleAtFixedRate(() -> sent.add(send(post(), posts, failures, counting)), 0,
                    1_000_000 / POSTS_PER_SECOND, TimeUnit.MICROSECONDS);
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
            String id = "%032x".formatted(ThreadLocalRandom.current().nextInt(EXPIRING + REMINDED, REQUESTS));
            return HttpRequest.newBuilder(URI.create(base + "/" + id)).header("Authorization", "Bearer " + TOKEN)
                    .timeout(Duration.ofSeconds(30)).GET().build();
        }

        private HttpRequest post() {
            String body = """
                    {"type":"bench-api","title":"Load request","requester":"load@bench.example.com",
                     "levels":[{"approvers":["approver1@bench.example.com"],"required":1}]}""";
            return HttpRequest.newBuilder(base).header("Authorization", "Bearer " + TOKEN)
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        }

        private CompletableFuture<?> send(HttpRequest request, Latencies latencies, AtomicInteger failures,
                                          AtomicBoolean counting) {
            boolean counted = counting.get();
            long started = System.nanoTime();
            return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
                if (!counted) {
                    return null;
                }
                if (error != null || response.statusCode() >= 300) {
                    failures.incrementAndGet();
                } else {
                    latencies.record(System.nanoTime() - started);
                }
                return null;
            });
        }
    }
}
