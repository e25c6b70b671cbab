package dev.countersign.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Sends the outbox, outside any transaction, through each delivery's one handler. Woken at once when a change
 * commits, and polling besides, for work from other nodes, for retries that fall due, and for whatever was left
 * when a node stopped. A channel being down or rate-limiting only delays its deliveries: retryable failures come
 * back with exponential backoff (or after the channel's Retry-After, which also pauses all sending on that channel);
 * refusals are recorded on the request as delivery problems. Here, for every channel alike: order per lane, claims
 * with leases, merged redraws, giving up, and what is recorded when a delivery fails for good.
 */
public class DeliveryDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

    /** Beyond this a delivery is given up and recorded as a delivery problem: the news is stale by then. */
    private static final Duration GIVE_UP_AFTER = Duration.ofHours(48);
    /** Deliveries sent at once: enough to hide a channel's latency, few enough to leave the CPU to acknowledgements. */
    private static final int IN_FLIGHT = 8;

    private static final Duration MIN_LOOK_INTERVAL = Duration.ofMillis(10);
    /**
     * Ready deliveries found per look at the outbox, kept and started as slots free up. A look reads every open
     * delivery (a backlog of thousands after a sweep costs milliseconds of database time each), so it is made once
     * per this many deliveries, not once per few.
     */
    private static final int LOOK_AHEAD = 64;
    /** How long deliveries found in one look are started from before looking again: new work waits at most this. */
    private static final Duration LOOK_AHEAD_AGE = Duration.ofMillis(500);

    private final DeliveryOutbox outbox;
    private final Map<Channel, DeliveryChannel> channels = new EnumMap<>(Channel.class);
    private final Map<Class<?>, DeliveryHandler<?>> handlers = new HashMap<>();
    private final DeliveryProblems problems;
    private final Clock clock;
    private final Duration pollInterval;
    /** How long a claimed delivery is ours; a node that dies mid-delivery leaves it to others after this. */
    private final Duration lease;
    /** The longest wait between retries, so that delivery resumes soon after the channel does. */
    private final Duration maxBackoff;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workArrived = lock.newCondition();
    private final Semaphore slots = new Semaphore(IN_FLIGHT);
    private boolean woken;
    /** Found ready by the last look and not started yet; only the dispatcher's loop thread touches it. */
    private final Deque<Queued<Delivery>> found = new ArrayDeque<>();

    private Instant foundAt = Instant.MIN;
    private volatile boolean running;
    /** Until when a channel asked us not to call it (its Retry-After). */
    private final Map<Channel, Instant> pausedUntil = new ConcurrentHashMap<>();

    private Thread loop;
    private ExecutorService workers;

    /**
     * @throws IllegalStateException when two handlers claim one kind, or a handler's kind is not its channel's
     */
    public DeliveryDispatcher(
            DeliveryOutbox outbox,
            List<DeliveryChannel> channels,
            DeliveryProblems problems,
            Clock clock,
            Duration pollInterval,
            Duration lease,
            Duration maxBackoff) {
        this.outbox = outbox;
        for (DeliveryChannel channel : channels) {
            if (this.channels.put(channel.channel(), channel) != null) {
                throw new IllegalStateException("two " + channel.channel().title() + " channels");
            }
            for (DeliveryHandler<?> handler : channel.handlers()) {
                if (handlers.put(handler.kind(), handler) != null) {
                    throw new IllegalStateException(
                            "two handlers for " + handler.kind().getSimpleName());
                }
            }
        }
        this.problems = problems;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.lease = lease;
        this.maxBackoff = maxBackoff;
    }

    /** New work may be waiting: look now rather than at the next poll. */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            workArrived.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Without a channel there is nothing to send: the outbox keeps what was queued, and no thread runs. */
    @Override
    public void start() {
        running = true;
        if (channels.isEmpty()) {
            return;
        }
        // Platform threads at low priority: sending can wait, answering callbacks cannot. (The JVM passes
        // priorities to the OS with -XX:ThreadPriorityPolicy=1, which ./countersign sets.)
        workers = Executors.newFixedThreadPool(
                IN_FLIGHT,
                Thread.ofPlatform()
                        .name("delivery-send-", 0)
                        .daemon()
                        .priority(Thread.MIN_PRIORITY)
                        .factory());
        loop = Thread.ofPlatform().name("delivery-dispatcher").daemon().start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        if (loop == null) {
            return;
        }
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
                log.warn("Delivery dispatcher could not read the outbox: {}", e.getMessage());
                sleep(pollInterval.multipliedBy(4));
            }
        }
    }

    /**
     * Claims as many ready deliveries (each lane's oldest) as there are free slots and starts them; returns how
     * many started. Slots free up one by one as deliveries finish, so one slow answer holds one slot, not a batch.
     * The deliveries come from the last look at the outbox while it is fresh and not used up: one that another node
     * took, finished or put off meanwhile is refused by the claim and skipped.
     */
    int dispatchOnce() {
        Instant now = clock.instant();
        Set<Channel> open = EnumSet.noneOf(Channel.class);
        Instant pauseEnds = null;
        for (DeliveryChannel channel : channels.values()) {
            Instant paused = pausedUntil.getOrDefault(channel.channel(), Instant.MIN);
            if (paused.isAfter(now)) {
                pauseEnds = pauseEnds == null || paused.isBefore(pauseEnds) ? paused : pauseEnds;
            } else if (channel.canSend()) {
                // A channel that cannot send yet (no Slack bot token; an administrator may store one) keeps its
                // deliveries in the outbox until it can.
                open.add(channel.channel());
            }
        }
        if (open.isEmpty()) {
            if (pauseEnds != null) {
                sleep(Duration.between(now, pauseEnds));
            }
            return 0;
        }
        int free = slots.availablePermits();
        if (free == 0) {
            return 0;
        }
        if (found.isEmpty()
                || foundAt.plus(LOOK_AHEAD_AGE).isBefore(now)
                || found.stream()
                        .anyMatch(queued -> !open.contains(queued.delivery().channel()))) {
            found.clear();
            found.addAll(outbox.ready(now, LOOK_AHEAD, open));
            foundAt = now;
        }
        int started = 0;
        while (started < free && !found.isEmpty()) {
            Queued<Delivery> queued = found.poll();
            if (!outbox.claim(queued, now, lease)) {
                continue;
            }
            slots.acquireUninterruptibly();
            started++;
            workers.execute(() -> {
                try {
                    run(queued);
                } finally {
                    slots.release();
                    // Look for more once half the slots are idle: often enough to keep the channels busy, rarely
                    // enough that the outbox is not queried once per finished delivery.
                    if (slots.availablePermits() >= IN_FLIGHT / 2) {
                        wake();
                    }
                }
            });
        }
        return started;
    }

    private void run(Queued<Delivery> queued) {
        try {
            outbox.done(queued, clock.instant(), deliver(queued));
        } catch (DeliveryFailed e) {
            failed(queued, e);
        } catch (RuntimeException e) {
            log.warn(
                    "{} delivery {} for {} failed; will retry: {}",
                    queued.delivery().channel().title(),
                    kind(queued),
                    queued.delivery().lane(),
                    e.toString());
            retryLater(queued, backoff(queued.attempts()), e.toString());
        }
    }

    private String deliver(Queued<Delivery> queued) {
        Delivery delivery = queued.delivery();
        if (delivery.coalesces()) {
            // Before the handler reads anything: a change committed after this point queues one of its own.
            outbox.mergeLater(queued, clock.instant());
        }
        var heldBack = channels.get(delivery.channel()).heldBack(delivery);
        if (heldBack.isPresent()) {
            return "skipped: " + heldBack.get();
        }
        return handlerOf(queued).deliver(queued);
    }

    @SuppressWarnings("unchecked")
    private DeliveryHandler<Delivery> handlerOf(Queued<Delivery> queued) {
        var handler = (DeliveryHandler<Delivery>) handlers.get(queued.delivery().getClass());
        if (handler == null) {
            throw new IllegalStateException("no handler for " + kind(queued));
        }
        return handler;
    }

    private void failed(Queued<Delivery> queued, DeliveryFailed e) {
        Delivery delivery = queued.delivery();
        Channel channel = delivery.channel();
        Instant now = clock.instant();
        boolean stale = queued.createdAt().plus(GIVE_UP_AFTER).isBefore(now);
        if (e.retryable() && !stale) {
            Duration wait = e.retryAfter() != null ? e.retryAfter() : backoff(queued.attempts());
            if (e.retryAfter() != null) {
                pausedUntil.merge(channel, now.plus(e.retryAfter()), (a, b) -> a.isAfter(b) ? a : b);
                log.info(
                        "{} asks us to slow down ({}); pausing {} calls for {}s",
                        channel.title(),
                        e.getMessage(),
                        channel.title(),
                        e.retryAfter().toSeconds());
            } else if (queued.attempts() == 1) {
                log.warn(
                        "{} could not take {} for {} ({}); retrying with backoff",
                        channel.title(),
                        kind(queued),
                        delivery.lane(),
                        e.error());
            }
            retryLater(queued, wait, e.error());
            return;
        }
        String why = stale
                ? "gave up after " + GIVE_UP_AFTER.toHours() + " h of failures: " + e.error()
                : channel.title() + " refused " + delivery.describe() + ": " + e.error();
        log.warn(
                "{} delivery {} for {} failed for good: {}", channel.title(), kind(queued), delivery.lane(), e.error());
        if (delivery.request() != null) { // an App Home tab is a person's, not a request's
            problems.record(
                    delivery.request().value(), delivery.to() == null ? channel.key() : delivery.to(), why, now);
        }
        outbox.done(queued, now, "failed: " + e.error());
    }

    private void retryLater(Queued<?> queued, Duration wait, String error) {
        try {
            outbox.retryAt(queued, clock.instant().plus(wait), error);
        } catch (RuntimeException e) {
            log.warn("Could not reschedule delivery {}; it is retried when its lease lapses", queued.id());
        }
    }

    private static String kind(Queued<?> queued) {
        return DeliveryOutbox.kindOf(queued.delivery().getClass());
    }

    /** 1 s, 2 s, 4 s … up to the maximum, with jitter so that many deliveries do not return in lockstep. */
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
