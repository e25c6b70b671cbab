package dev.countersign.slack;

import dev.countersign.delivery.DeliveryProblems;
import dev.countersign.slack.SlackOutbox.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends the outbox to Slack, outside any transaction. Woken at once when a change commits, and polling besides,
 * for work from other nodes, for retries that fall due, and for whatever was left when a node stopped. Slack being
 * down or rate-limiting only delays delivery: retryable failures come back with exponential backoff (or after
 * Slack's Retry-After, which also pauses all sending); refusals are recorded on the request as delivery problems.
 */
class SlackDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SlackDispatcher.class);

    /** Beyond this a task is given up and recorded as a delivery problem: the news is stale by then. */
    private static final Duration GIVE_UP_AFTER = Duration.ofHours(48);
    /** Tasks sent at once: enough to hide Slack's latency, few enough to leave the CPU to acknowledgements. */
    private static final int IN_FLIGHT = 8;
    private static final Duration MIN_LOOK_INTERVAL = Duration.ofMillis(10);
    /**
     * Ready tasks found per look at the outbox, kept and started as slots free up. A look reads every open task
     * (a backlog of thousands after a sweep costs milliseconds of database time each), so it is made once per
     * this many tasks, not once per few.
     */
    private static final int LOOK_AHEAD = 64;
    /** How long tasks found in one look are started from before looking again: new work waits at most this. */
    private static final Duration LOOK_AHEAD_AGE = Duration.ofMillis(500);

    private final SlackOutbox outbox;
    private final SlackDeliveries deliveries;
    private final DeliveryProblems problems;
    private final Clock clock;
    private final Duration pollInterval;
    /** How long a claimed task is ours; a node that dies mid-task leaves it to others after this. */
    private final Duration lease;
    /** The longest wait between retries, so that delivery resumes soon after Slack does. */
    private final Duration maxBackoff;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workArrived = lock.newCondition();
    private final Semaphore slots = new Semaphore(IN_FLIGHT);
    private boolean woken;
    /** Found ready by the last look and not started yet; only the dispatcher's loop thread touches it. */
    private final Deque<Task> found = new ArrayDeque<>();
    private Instant foundAt = Instant.MIN;
    private volatile boolean running;
    private volatile Instant pausedUntil = Instant.MIN;
    private Thread loop;
    private ExecutorService workers;

    SlackDispatcher(SlackOutbox outbox, SlackDeliveries deliveries, DeliveryProblems problems, Clock clock,
                    Duration pollInterval, Duration lease, Duration maxBackoff) {
        this.outbox = outbox;
        this.deliveries = deliveries;
        this.problems = problems;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.lease = lease;
        this.maxBackoff = maxBackoff;
    }

    /** New work may be waiting: look now rather than at the next poll. */
    void wake() {
        lock.lock();
        try {
            woken = true;
            workArrived.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void start() {
        running = true;
        // Platform threads at low priority: sending can wait, answering Slack's callbacks cannot. (The JVM passes
        // priorities to the OS with -XX:ThreadPriorityPolicy=1, which ./countersign sets.)
        workers = Executors.newFixedThreadPool(IN_FLIGHT,
                Thread.ofPlatform().name("slack-send-", 0).daemon().priority(Thread.MIN_PRIORITY).factory());
        loop = Thread.ofPlatform().name("slack-dispatcher").daemon().start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        wake();
        try {
            loop.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                int started = dispatchOnce();
                if (started == 0) {
                    waitForWork();
                }
                // Changes can wake the dispatcher hundreds of times a second; one look at the outbox per few
                // milliseconds finds the same work with a fraction of the queries.
                Thread.sleep(MIN_LOOK_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // Typically the database is unreachable; the outbox is still there when it comes back.
                log.warn("Slack dispatcher could not read the outbox: {}", e.getMessage());
                sleep(pollInterval.multipliedBy(4));
            }
        }
    }

    /**
     * Claims as many ready tasks (each request's oldest) as there are free slots and starts them; returns how many
     * started. Slots free up one by one as tasks finish, so one slow Slack answer holds one slot, not a batch. The
     * tasks come from the last look at the outbox while it is fresh and not used up: one that another node took,
     * finished or put off meanwhile is refused by the claim and skipped.
     */
    int dispatchOnce() {
        Instant now = clock.instant();
        if (pausedUntil.isAfter(now)) {
            sleep(Duration.between(now, pausedUntil));
            return 0;
        }
        if (!deliveries.canCall()) {
            // No bot token anywhere yet (an administrator may store one): the outbox keeps everything until then.
            return 0;
        }
        int free = slots.availablePermits();
        if (free == 0) {
            return 0;
        }
        if (found.isEmpty() || foundAt.plus(LOOK_AHEAD_AGE).isBefore(now)) {
            found.clear();
            found.addAll(outbox.ready(now, LOOK_AHEAD));
            foundAt = now;
        }
        int started = 0;
        while (started < free && !found.isEmpty()) {
            Task task = found.poll();
            if (!outbox.claim(task, now, lease)) {
                continue;
            }
            slots.acquireUninterruptibly();
            started++;
            workers.execute(() -> {
                try {
                    runTask(task);
                } finally {
                    slots.release();
                    // Look for more once half the slots are idle: often enough to keep Slack busy, rarely enough
                    // that the outbox is not queried once per finished task.
                    if (slots.availablePermits() >= IN_FLIGHT / 2) {
                        wake();
                    }
                }
            });
        }
        return started;
    }

    private void runTask(Task task) {
        try {
            String outcome = deliveries.deliver(task);
            outbox.done(task, clock.instant(), outcome);
        } catch (SlackCallFailed e) {
            failed(task, e);
        } catch (RuntimeException e) {
            log.warn("Slack task {} for request {} failed; will retry: {}", task.task(), task.requestId(),
                    e.toString());
            retryLater(task, backoff(task.attempts()), e.toString());
        }
    }

    private void failed(Task task, SlackCallFailed e) {
        Instant now = clock.instant();
        boolean stale = task.createdAt().plus(GIVE_UP_AFTER).isBefore(now);
        if (e.retryable() && !stale) {
            Duration wait = e.retryAfter() != null ? e.retryAfter() : backoff(task.attempts());
            if (e.retryAfter() != null) {
                Instant until = now.plus(e.retryAfter());
                if (until.isAfter(pausedUntil)) {
                    pausedUntil = until;
                }
                log.info("Slack asks us to slow down ({}); pausing Slack calls for {}s", e.getMessage(),
                        e.retryAfter().toSeconds());
            } else if (task.attempts() == 1) {
                log.warn("Slack could not take {} for request {} ({}); retrying with backoff", task.task(),
                        task.requestId(), e.error());
            }
            retryLater(task, wait, e.error());
            return;
        }
        String why = stale ? "gave up after " + GIVE_UP_AFTER.toHours() + " h of failures: " + e.error()
                : "Slack refused " + describe(task) + ": " + e.error();
        log.warn("Slack task {} for request {} failed for good: {}", task.task(), task.requestId(), e.error());
        if (task.task() != SlackTask.PUBLISH_HOME) { // a Home tab is a person's, not a request's
            problems.record(task.requestId(), task.recipient() == null ? "slack" : task.recipient(), why, now);
        }
        outbox.done(task, now, "failed: " + e.error());
    }

    private void retryLater(Task task, Duration wait, String error) {
        try {
            outbox.retryAt(task, clock.instant().plus(wait), error);
        } catch (RuntimeException e) {
            log.warn("Could not reschedule Slack task {}; it is retried when its lease lapses", task.id());
        }
    }

    private static String describe(Task task) {
        return switch (task.task()) {
            case ASK_APPROVER -> "the approval request to " + task.recipient();
            case ASK_DELEGATE -> "the approval request to " + task.recipient() + " on behalf of " + task.note();
            case POST_TO_CHANNEL -> "the post to channel " + task.recipient();
            case CHANNEL_PROGRESS -> "a progress line in channel " + task.recipient();
            case TELL_REJECTED, TELL_APPROVED -> "the outcome notice to " + task.recipient();
            case TELL_EXECUTABLE -> "the execution notice to " + task.recipient();
            case TELL_UNREACHABLE -> "the unreachable-approver notice";
            case REFRESH -> "a message update";
            case PUBLISH_HOME -> "the App Home tab of " + task.recipient();
            case TELL_EXPIRED -> "the expiry notice to " + task.recipient();
            case REMIND -> "a reminder to " + task.recipient();
            case ESCALATE -> "the escalation to " + task.recipient();
            case URGENT_REPORT -> "the daily urgent report to " + task.recipient();
        };
    }

    /** 1 s, 2 s, 4 s … up to the maximum, with jitter so that many tasks do not return in lockstep. */
    private Duration backoff(int attempts) {
        long seconds = Math.max(1, Math.min(maxBackoff.toSeconds(), 1L << Math.min(20, Math.max(0, attempts - 1))));
        long jitter = ThreadLocalRandom.current().nextLong(seconds * 250 + 1);
        return Duration.ofSeconds(seconds).plusMillis(jitter);
    }

    private void waitForWork() {
        lock.lock();
        try {
            if (!woken && running) {
                workArrived.await(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private void sleep(Duration duration) {
        lock.lock();
        try {
            if (running) {
                workArrived.await(Math.max(1, Math.min(duration.toMillis(), 60_000)), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }
}
