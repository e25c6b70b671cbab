package dev.countersign.bench;

import dev.countersign.emulator.EmulatedMessage;
import dev.countersign.emulator.EmulatedUser;
import dev.countersign.emulator.EmulatorSettings;
import dev.countersign.emulator.InteractionResponse;
import dev.countersign.emulator.RecordedCall;
import dev.countersign.emulator.SlackEmulator;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scenario {@code clicks}: how fast the server acknowledges Slack button clicks while it records the decisions they
 * carry. The bench plays Slack: it starts the project's {@link SlackEmulator} on a fixed port (the server must
 * have been started with its Slack Web API URL, bot token and signing secret pointing there), adds people, creates
 * requests over the REST API that every one of several approvers must approve, waits until each approver has their
 * DM, and then clicks Approve on those DMs in an open loop, signed exactly as Slack signs. Each click's latency runs
 * from its scheduled moment to the server's HTTP answer (the ack Slack waits at most 3 seconds for).
 *
 * <p>Most clicks are first clicks on fresh DMs, so the server's after-ack work (recording the decision, the
 * outbox, redrawing messages with {@code chat.update}, telling the requester) runs during the measurement; a share
 * are double clicks, which the server refuses with an ephemeral message ({@link ClickPlan}). Afterwards the
 * scenario checks that it all happened: every clicked DM redrawn without its Approve button, every double click
 * answered, and, through the API, every acknowledged first click recorded as a Slack decision.
 */
final class ClickAcks {

    /** Slack's deadline: an answer later than this is an error whatever it says. */
    static final Duration ACK_DEADLINE = InteractionResponse.ACKNOWLEDGEMENT_DEADLINE;

    static final String APPROVE = "approve";
    /** People asked for approvals; a request's approvers are consecutive ones, so each has a manageable DM. */
    private static final int APPROVER_POOL = 300;

    static final String REQUESTER = "pipeline@bench.example";
    /** Roughly how far apart the approvers of one request click (see {@link ClickPlan}). */
    private static final Duration SAME_REQUEST_SPACING = Duration.ofSeconds(1);
    /** How long after their first click someone double-clicks. */
    private static final Duration DOUBLE_CLICK_GAP = Duration.ofMillis(100);

    private static final int SETUP_CONCURRENCY = 32;
    /** Waiting for DMs (or for the redraws after the run) gives up after this long without progress. */
    private static final Duration NO_PROGRESS_PATIENCE = Duration.ofSeconds(60);

    private static final Duration CATCH_UP_PATIENCE = Duration.ofMinutes(3);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final String APPROVE_BUTTON = "\"action_id\":\"" + APPROVE + "\"";
    private static final Pattern BUTTON_VALUE = Pattern.compile("\"value\":\"([0-9a-f]{32}):\\d+\"");
    /** chat.postMessage answers {"ok":true,"channel":"D…","ts":"…","message":{…}}: the first of each is the post's. */
    private static final Pattern POSTED_CHANNEL = Pattern.compile("\"channel\":\"([A-Z0-9]+)\"");

    private static final Pattern POSTED_TS = Pattern.compile("\"ts\":\"([0-9.]+)\"");

    /** What to run; the bot token and signing secret must be the server's. */
    record Settings(
            int rate,
            Duration warmup,
            Duration duration,
            int approversPerRequest,
            double repeatShare,
            int maxInFlight,
            int emulatorPort,
            String botToken,
            String signingSecret) {

        int warmupSlots() {
            return (int) (warmup.toNanos() * rate / 1_000_000_000L);
        }

        int measuredSlots() {
            return (int) (duration.toNanos() * rate / 1_000_000_000L);
        }

        /** Every this many slots one is a double click; 0 for none. */
        int repeatEvery() {
            return repeatShare <= 0 ? 0 : Math.max(2, (int) Math.round(1 / repeatShare));
        }

        ClickPlan plan() {
            int firstClicksPerSecond = (int) Math.max(1, rate * (1 - (repeatEvery() == 0 ? 0 : 1.0 / repeatEvery())));
            int requestsPerRound = (int) Math.max(1, firstClicksPerSecond * SAME_REQUEST_SPACING.toMillis() / 1000);
            int repeatGap = (int) Math.max(1, rate * DOUBLE_CLICK_GAP.toMillis() / 1000);
            return ClickPlan.of(
                    warmupSlots() + measuredSlots(), approversPerRequest, requestsPerRound, repeatEvery(), repeatGap);
        }
    }

    /** One part of the open loop (warm-up or measurement). {@code repeatsGone}: double clicks that found no button. */
    record Phase(
            Duration planned,
            int rate,
            long scheduled,
            long sent,
            long acknowledged,
            long firstClicks,
            long repeats,
            long repeatsGone,
            Failures failures,
            Duration elapsed,
            Latencies.Summary ack,
            Latencies.Summary http) {

        /**
         * Every scheduled click was answered 200 within Slack's deadline (double clicks that found the button
         * already gone are not sent, as in Slack), the last within a second of the schedule's end.
         */
        boolean keptUp() {
            return failures.total() == 0
                    && acknowledged == scheduled - repeatsGone
                    && elapsed.compareTo(planned.plus(CreationLoad.KEPT_UP_SLACK)) <= 0;
        }

        double perSecond() {
            return elapsed.isZero() ? 0 : acknowledged * 1e9 / elapsed.toNanos();
        }
    }

    /**
     * @param problem    why the scenario could not run (no clicks were made), else empty
     * @param caughtUp   from the last click's answer until every clicked DM was redrawn and every double click
     *                   answered; empty when that did not happen within the patience
     */
    record Result(
            Settings settings,
            Optional<String> problem,
            int requests,
            long created,
            Duration creating,
            Failures setupFailures,
            int dmsExpected,
            int dmsDelivered,
            Duration delivering,
            Phase warmup,
            Phase measured,
            Optional<String> cpu,
            long redrawsExpected,
            long redrawn,
            Optional<Duration> caughtUp,
            Latencies.Summary redraw,
            long ephemeralsExpected,
            long ephemerals,
            long decisionsExpected,
            long decisions,
            long approvedExpected,
            long approved,
            Failures checkFailures) {

        long failures() {
            return setupFailures.total()
                    + checkFailures.total()
                    + (warmup == null ? 0 : warmup.failures().total())
                    + (measured == null ? 0 : measured.failures().total())
                    + (problem.isPresent() ? 1 : 0);
        }

        static Result failed(Settings settings, String problem) {
            return new Result(
                    settings,
                    Optional.of(problem),
                    0,
                    0,
                    Duration.ZERO,
                    new Failures(),
                    0,
                    0,
                    Duration.ZERO,
                    null,
                    null,
                    Optional.empty(),
                    0,
                    0,
                    Optional.empty(),
                    new Latencies().summary(),
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    new Failures());
        }
    }

    /** Counts for one phase while it runs. */
    private static final class Tally {
        final Latencies ack = new Latencies();
        final Latencies http = new Latencies();
        final Failures failures = new Failures();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong acknowledged = new AtomicLong();
        final AtomicLong firstClicks = new AtomicLong();
        final AtomicLong repeats = new AtomicLong();
        final AtomicLong repeatsGone = new AtomicLong();
        final AtomicLong lastAnswer = new AtomicLong();

        Phase phase(Duration planned, int rate, long scheduled, long start) {
            long end = Math.max(start, lastAnswer.get());
            return new Phase(
                    planned,
                    rate,
                    scheduled,
                    sent.get(),
                    acknowledged.get(),
                    firstClicks.get(),
                    repeats.get(),
                    repeatsGone.get(),
                    failures,
                    Duration.ofNanos(end - start),
                    ack.summary(),
                    http.summary());
        }
    }

    private final BenchClient client;

    ClickAcks(BenchClient client) {
        this.client = client;
    }

    Result run(Settings settings) throws InterruptedException {
        URI requestUrl = URI.create(client.baseUrl() + "/slack/events");
        SlackEmulator emulator;
        try {
            emulator = SlackEmulator.start(EmulatorSettings.defaults()
                    .withPort(settings.emulatorPort())
                    .withBotToken(settings.botToken())
                    .withSigningSecret(settings.signingSecret())
                    .withRequestUrl(requestUrl));
        } catch (RuntimeException e) {
            return Result.failed(
                    settings,
                    "could not start the Slack emulator on port " + settings.emulatorPort()
                            + " (" + e.getCause() + "); pass a free --emulator-port and start the server with "
                            + "COUNTERSIGN_SLACK_API_URL pointing at it");
        }
        try (emulator) {
            Optional<String> refusal = slackRefusal(emulator);
            if (refusal.isPresent()) {
                return Result.failed(settings, refusal.get());
            }
            return run(settings, emulator);
        }
    }

    private Result run(Settings settings, SlackEmulator emulator) throws InterruptedException {
        ClickPlan plan = settings.plan();
        int perRequest = settings.approversPerRequest();
        List<EmulatedUser> approvers = new ArrayList<>();
        for (int a = 0; a < APPROVER_POOL; a++) {
            String name = "approver-%03d".formatted(a);
            approvers.add(emulator.addUser(name, name + "@bench.example"));
        }
        emulator.addUser("pipeline", REQUESTER);

        // 1. the requests, each asking its approvers in Slack
        String[] ids = new String[plan.requests()];
        Failures setupFailures = new Failures();
        long createStart = System.nanoTime();
        Failures.inParallel(plan.requests(), SETUP_CONCURRENCY, setupFailures, r -> {
            List<String> emails = new ArrayList<>();
            for (int k = 0; k < perRequest; k++) {
                emails.add(approverOf(approvers, r, k, perRequest).email());
            }
            try {
                BenchClient.Reply created = client.create(SampleRequests.everyoneApproves(r, emails, REQUESTER));
                if (created.status() == 201) {
                    ids[r] = BenchClient.idFrom(created);
                } else {
                    setupFailures.count("create: HTTP " + created.status());
                }
            } catch (Exception e) {
                setupFailures.count("create", e);
            }
        });
        Duration creating = Duration.ofNanos(System.nanoTime() - createStart);
        long created = java.util.Arrays.stream(ids).filter(id -> id != null).count();

        // 2. every approver's DM, found by the request id its buttons carry
        long deliverStart = System.nanoTime();
        EmulatedMessage[][] dms = awaitDms(emulator, approvers, ids, perRequest);
        Duration delivering = Duration.ofNanos(System.nanoTime() - deliverStart);
        int delivered = 0;
        for (EmulatedMessage[] ofRequest : dms) {
            for (EmulatedMessage dm : ofRequest) {
                delivered += dm == null ? 0 : 1;
            }
        }
        int expectedDms = (int) created * perRequest;
        if (delivered < expectedDms) {
            return new Result(
                    settings,
                    Optional.of(missingDms(emulator, delivered, expectedDms)),
                    plan.requests(),
                    created,
                    creating,
                    setupFailures,
                    expectedDms,
                    delivered,
                    delivering,
                    null,
                    null,
                    Optional.empty(),
                    0,
                    0,
                    Optional.empty(),
                    new Latencies().summary(),
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    new Failures());
        }

        // 3. the open loop: warm-up slots first, then the measured ones, on one schedule
        int warmupSlots = settings.warmupSlots();
        Tally warm = new Tally();
        Tally measured = new Tally();
        Instant[] clickedAt = new Instant[plan.slots().size()];
        CpuUse cpu = new CpuUse(client);
        AtomicReference<CpuUse.Sample> cpuBefore = new AtomicReference<>();
        Semaphore inFlight = new Semaphore(settings.maxInFlight());
        long start = System.nanoTime();
        long measuredStart = start + (long) warmupSlots * 1_000_000_000L / settings.rate();
        Thread cpuSampler = Thread.ofVirtual().start(() -> {
            LockSupport.parkNanos(Math.max(0, measuredStart - System.nanoTime()));
            cpuBefore.set(cpu.sample());
        });
        try (ExecutorService clickers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < plan.slots().size(); i++) {
                Tally tally = i < warmupSlots ? warm : measured;
                if (tally.failures.tooMany()) {
                    break;
                }
                long scheduled = start + (long) i * 1_000_000_000L / settings.rate();
                long early = scheduled - System.nanoTime();
                if (early > 0) {
                    LockSupport.parkNanos(early);
                }
                inFlight.acquire();
                int slot = i;
                tally.sent.incrementAndGet();
                clickers.execute(() -> {
                    try {
                        clickOne(emulator, approvers, plan, dms, slot, scheduled, tally, clickedAt);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        cpuSampler.join();
        Optional<String> cpuUse = cpuBefore.get() == null
                ? Optional.empty()
                : CpuUse.describe(cpuBefore.get(), cpu.sample(), measured.acknowledged.get(), "click");
        Phase warmup = warm.phase(settings.warmup(), settings.rate(), warmupSlots, start);
        Phase measurement = measured.phase(
                settings.duration(), settings.rate(), plan.slots().size() - warmupSlots, measuredStart);
        long lastAnswer = Math.max(warm.lastAnswer.get(), measured.lastAnswer.get());

        // 4. did the work after the ack happen? Every clicked DM redrawn, every double click answered.
        List<Integer> toRedraw = new ArrayList<>();
        long repeatsAcknowledged = 0;
        for (int i = 0; i < clickedAt.length; i++) {
            if (clickedAt[i] != null) {
                if (plan.slots().get(i).repeat()) {
                    repeatsAcknowledged++;
                } else {
                    toRedraw.add(i);
                }
            }
        }
        long redrawsExpected = toRedraw.size();
        Latencies redraw = new Latencies();
        long ephemerals = 0;
        long lastProgress = System.nanoTime();
        long deadline = lastProgress + CATCH_UP_PATIENCE.toNanos();
        Optional<Duration> caughtUp = Optional.empty();
        while (true) {
            int before = toRedraw.size();
            toRedraw.removeIf(i -> {
                Dm dm = dmOf(plan, dms, i);
                Optional<EmulatedMessage> now =
                        emulator.message(dm.message().channel(), dm.message().ts());
                if (now.isEmpty() || showsApprove(now.get().blocksJson())) {
                    return false;
                }
                if (i >= warmupSlots) {
                    redrawnAt(now.get())
                            .ifPresent(at -> redraw.record(
                                    Duration.between(clickedAt[i], at).toNanos()));
                }
                return true;
            });
            long ephemeralsBefore = ephemerals;
            ephemerals = approvers.stream()
                    .mapToLong(user -> emulator.ephemerals(user.id()).size())
                    .sum();
            long now = System.nanoTime();
            if (toRedraw.isEmpty() && ephemerals >= repeatsAcknowledged) {
                caughtUp = Optional.of(Duration.ofNanos(Math.max(0, now - lastAnswer)));
                break;
            }
            if (toRedraw.size() < before || ephemerals > ephemeralsBefore) {
                lastProgress = now;
            }
            if (now > deadline || now - lastProgress > NO_PROGRESS_PATIENCE.toNanos()) {
                break;
            }
            LockSupport.parkNanos(POLL.toNanos());
        }

        // 5. what the server recorded, through its API
        boolean[][] acknowledged = new boolean[plan.requests()][perRequest];
        for (int i = 0; i < clickedAt.length; i++) {
            ClickPlan.Slot slot = plan.slots().get(i);
            if (clickedAt[i] != null && !slot.repeat()) {
                acknowledged[slot.request()][slot.approver()] = true;
            }
        }
        long decisionsExpected = 0;
        long approvedExpected = 0;
        for (boolean[] ofRequest : acknowledged) {
            int clicks = 0;
            for (boolean click : ofRequest) {
                clicks += click ? 1 : 0;
            }
            decisionsExpected += clicks;
            approvedExpected += clicks == perRequest ? 1 : 0;
        }
        AtomicLong decisions = new AtomicLong();
        AtomicLong approved = new AtomicLong();
        Failures checkFailures = new Failures();
        Failures.inParallel(plan.requests(), SETUP_CONCURRENCY, checkFailures, r -> {
            if (ids[r] == null) {
                return;
            }
            try {
                BenchClient.Reply reply = client.get(ids[r]);
                if (reply.status() != 200) {
                    checkFailures.count("get: HTTP " + reply.status());
                    return;
                }
                decisions.addAndGet(client.decisionsVia(reply, "slack"));
                approved.addAndGet("approved".equals(client.status(reply)) ? 1 : 0);
            } catch (Exception e) {
                checkFailures.count("get", e);
            }
        });
        return new Result(
                settings,
                Optional.empty(),
                plan.requests(),
                created,
                creating,
                setupFailures,
                expectedDms,
                delivered,
                delivering,
                warmup,
                measurement,
                cpuUse,
                redrawsExpected,
                redrawsExpected - toRedraw.size(),
                caughtUp,
                redraw.summary(),
                repeatsAcknowledged,
                ephemerals,
                decisionsExpected,
                decisions.get(),
                approvedExpected,
                approved.get(),
                checkFailures);
    }

    private void clickOne(
            SlackEmulator emulator,
            List<EmulatedUser> approvers,
            ClickPlan plan,
            EmulatedMessage[][] dms,
            int i,
            long scheduled,
            Tally tally,
            Instant[] clickedAt) {
        Dm target = dmOf(plan, dms, i);
        boolean repeat = plan.slots().get(i).repeat();
        (repeat ? tally.repeats : tally.firstClicks).incrementAndGet();
        Instant sentAt = Instant.now();
        try {
            InteractionResponse response = emulator.click(
                    approverOf(
                            approvers,
                            plan.slots().get(i).request(),
                            plan.slots().get(i).approver(),
                            plan.approversPerRequest()),
                    target.message(),
                    APPROVE);
            long answered = System.nanoTime();
            tally.lastAnswer.accumulateAndGet(answered, Math::max);
            if (response.status() != 200) {
                tally.failures.count("click: HTTP " + response.status());
                return;
            }
            tally.ack.record(answered - scheduled);
            tally.http.record(response.latency().toNanos());
            if (!response.acknowledgedInTime()) {
                tally.failures.count("click: answered after " + ACK_DEADLINE.toSeconds() + "s");
                return;
            }
            tally.acknowledged.incrementAndGet();
            clickedAt[i] = sentAt;
        } catch (IllegalStateException refused) {
            // The emulator, like Slack, cannot click a button that is no longer shown: the first click's redraw
            // landed before the double click. Not sent, so not a failure.
            boolean gone = emulator.message(
                            target.message().channel(), target.message().ts())
                    .map(m -> !showsApprove(m.blocksJson()))
                    .orElse(true);
            if (repeat && gone) {
                tally.repeatsGone.incrementAndGet();
            } else {
                tally.failures.count("click", refused);
            }
        } catch (RuntimeException e) {
            tally.lastAnswer.accumulateAndGet(System.nanoTime(), Math::max);
            tally.failures.count("click", e.getCause() != null ? e.getCause() : e);
        }
    }

    private record Dm(EmulatedMessage message) {}

    private static Dm dmOf(ClickPlan plan, EmulatedMessage[][] dms, int i) {
        ClickPlan.Slot slot = plan.slots().get(i);
        return new Dm(dms[slot.request()][slot.approver()]);
    }

    private static EmulatedUser approverOf(List<EmulatedUser> approvers, int request, int k, int perRequest) {
        return approvers.get((int) (((long) request * perRequest + k) % approvers.size()));
    }

    /**
     * Before any load: is {@code /slack/events} there, and does the server accept the bench's signature? An
     * unsigned request must be refused (401), Slack's signed URL check answered (200).
     */
    private static Optional<String> slackRefusal(SlackEmulator emulator) {
        String body = "{\"token\":\"bench\",\"challenge\":\"countersign-bench\",\"type\":\"url_verification\"}";
        try {
            InteractionResponse unsigned = emulator.send(body, Map.of("Content-Type", "application/json"));
            if (unsigned.status() == 404) {
                return Optional.of("the server has no Slack endpoint (404 from " + emulator.requestUrl()
                        + "): start it with SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and COUNTERSIGN_SLACK_API_URL="
                        + emulator.apiUrl() + " (scripts/bench.sh does)");
            }
            Map<String, String> headers =
                    new HashMap<>(emulator.signedHeaders(body, Instant.now().getEpochSecond()));
            headers.put("Content-Type", "application/json");
            InteractionResponse signed = emulator.send(body, headers);
            if (signed.status() == 401) {
                return Optional.of("the server refused the bench's signature (401): start it with "
                        + "SLACK_SIGNING_SECRET set to the bench's (SLACK_SIGNING_SECRET in the bench's environment)");
            }
            if (signed.status() != 200 || !signed.body().contains("countersign-bench")) {
                return Optional.of(
                        "the server answered Slack's URL check with " + signed.status() + " " + signed.body());
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("cannot reach " + emulator.requestUrl() + ": " + e.getMessage());
        }
    }

    /**
     * Follows the server's {@code chat.postMessage} calls until every request's approvers have their DM, or nothing
     * new arrived for a while. {@code [request][k]} is the DM of the request's {@code k}-th approver. Reading the
     * emulator's call log (append-only, copied by reference) rather than every DM over and over keeps this cheap
     * for the emulator, which serves the server's calls meanwhile.
     */
    private static EmulatedMessage[][] awaitDms(
            SlackEmulator emulator, List<EmulatedUser> approvers, String[] ids, int perRequest) {
        EmulatedMessage[][] dms = new EmulatedMessage[ids.length][perRequest];
        Map<String, Integer> requestIndex = new HashMap<>();
        long expected = 0;
        for (int r = 0; r < ids.length; r++) {
            if (ids[r] != null) {
                requestIndex.put(ids[r], r);
                expected += perRequest;
            }
        }
        Map<String, Integer> approverByDm = new HashMap<>();
        int read = 0;
        long found = 0;
        long lastProgress = System.nanoTime();
        while (found < expected && System.nanoTime() - lastProgress < NO_PROGRESS_PATIENCE.toNanos()) {
            long before = found;
            List<RecordedCall> calls = emulator.calls();
            for (RecordedCall call : calls.subList(read, calls.size())) {
                if (!call.method().equals("chat.postMessage") || call.status() != 200) {
                    continue;
                }
                Matcher value = BUTTON_VALUE.matcher(String.valueOf(call.param("blocks")));
                Matcher ts = POSTED_TS.matcher(call.responseBody());
                Matcher channel = POSTED_CHANNEL.matcher(call.responseBody());
                Integer r = value.find() ? requestIndex.get(value.group(1)) : null;
                if (r == null || !ts.find() || !channel.find()) {
                    continue;
                }
                Integer a = approverByDm.get(channel.group(1));
                if (a == null) {
                    // a DM not seen before: look up whose DMs are open now
                    for (int candidate = 0; candidate < approvers.size(); candidate++) {
                        int index = candidate;
                        emulator.imOf(approvers.get(candidate).id()).ifPresent(dm -> approverByDm.put(dm, index));
                    }
                    a = approverByDm.get(channel.group(1));
                }
                if (a == null) {
                    continue;
                }
                int k = Math.floorMod(a - r * perRequest, approvers.size());
                EmulatedMessage dm = k < perRequest && dms[r][k] == null
                        ? emulator.message(channel.group(1), ts.group(1)).orElse(null)
                        : null;
                if (dm != null && showsApprove(dm.blocksJson())) {
                    dms[r][k] = dm;
                    found++;
                }
            }
            read = calls.size();
            if (found > before) {
                lastProgress = System.nanoTime();
            }
            if (found < expected) {
                LockSupport.parkNanos(POLL.toNanos());
            }
        }
        return dms;
    }

    /** Why the DMs did not all arrive, from what the emulator saw of the server's calls. */
    private static String missingDms(SlackEmulator emulator, int delivered, int expected) {
        List<RecordedCall> calls = emulator.calls();
        String why;
        if (calls.isEmpty()) {
            why = "the server made no Slack calls: is its COUNTERSIGN_SLACK_API_URL " + emulator.apiUrl() + "?";
        } else if (calls.stream().anyMatch(call -> call.responseBody().contains("invalid_auth"))) {
            why = "Slack answered invalid_auth: the server's SLACK_BOT_TOKEN is not the bench's";
        } else {
            RecordedCall last = calls.getLast();
            why = "the server's last Slack call was " + last.method() + ", answered " + last.status() + " "
                    + last.responseBody()
                            .substring(0, Math.min(200, last.responseBody().length()));
        }
        return "only %d of %d approver DMs arrived (nothing new for %ds); %s"
                .formatted(delivered, expected, NO_PROGRESS_PATIENCE.toSeconds(), why);
    }

    static boolean showsApprove(String blocksJson) {
        return blocksJson != null && blocksJson.contains(APPROVE_BUTTON);
    }

    /** When the message first appeared without its Approve button (from its revisions), if it ever did. */
    static Optional<Instant> redrawnAt(EmulatedMessage message) {
        List<EmulatedMessage.Revision> history = message.history();
        for (int j = 1; j < history.size(); j++) {
            if (!showsApprove(history.get(j).blocksJson())
                    && showsApprove(history.get(j - 1).blocksJson())) {
                return Optional.of(history.get(j - 1).replacedAt());
            }
        }
        // The current version is the first without the button: it replaced the last revision.
        return history.isEmpty() || showsApprove(message.blocksJson())
                ? Optional.empty()
                : Optional.of(history.getLast().replacedAt());
    }
}
