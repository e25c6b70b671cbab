package dev.countersign.slack.inbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Callbacks to {@code /slack/events} that were refused (unsigned, badly signed, stale, too large), and the addresses
 * that keep sending them. Anyone on the internet can call the Request URL, so a refusal costs as little as it can:
 * a counter ({@value #METER}, tagged by {@code reason}), a summary in the log at most every {@link #REPORT_EVERY}
 * and no database row.
 *
 * <p>An address with {@code limit} refusals inside the last {@code window} is slowed down: its calls are answered
 * 429 with {@code Retry-After}, before their body is read, until the oldest of those refusals leaves the window.
 * Only refusals count; the 429s do not, so an address is never held longer than the window after its last refused
 * call. Slack itself only sends signed calls, so its addresses never get there by their own doing, and every address
 * is judged on its own (IPv6 by its /64, which one attacker usually has whole), so others' refusals never slow Slack
 * down. Behind a reverse proxy every call seems to come from the proxy: let the server take the client's address
 * from the proxy's forwarded headers ({@code server.forward-headers-strategy}), or turn this off with a limit of 0.
 *
 * <p>Memory is bounded: at most {@link #MAX_ADDRESSES} addresses are remembered, the least recently refused
 * forgotten first, each with at most {@code limit} instants.
 */
public final class RefusedCallbacks {

    public static final String METER = "countersign.slack.callbacks.refused";
    public static final String TOO_LARGE = "too-large";
    public static final String SLOWED_DOWN = "slowed-down";
    static final Duration REPORT_EVERY = Duration.ofSeconds(10);
    static final int MAX_ADDRESSES = 10_000;
    /** Distinct addresses a summary tells apart; more are only counted as "more than". */
    private static final int MAX_SUMMARY_ADDRESSES = 1_000;

    private static final Logger log = LoggerFactory.getLogger(RefusedCallbacks.class);

    private final int limit;
    private final long windowMillis;
    private final Clock clock;
    private final Map<String, Counter> counters = new HashMap<>();
    private final Map<String, Refusals> byAddress = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Refusals> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };
    /** Since the last summary: refusals by reason, and by address. */
    private final Map<String, Long> sinceReport = new TreeMap<>();

    private final Map<String, Integer> addressesSinceReport = new HashMap<>();
    private boolean moreAddressesSinceReport;
    private Instant lastReport = Instant.EPOCH;

    /**
     * @param limit  refusals from one address within {@code window} after which it is slowed down; 0: never
     * @param window how long a refusal counts against its address
     */
    RefusedCallbacks(int limit, Duration window, Clock clock, MeterRegistry meters) {
        if (limit < 0) {
            throw new IllegalArgumentException(
                    "COUNTERSIGN_SLACK_REFUSED_CALLS_LIMIT must be 0 (off) or more, was " + limit);
        }
        if (limit > 0 && window.isZero()) {
            throw new IllegalArgumentException("COUNTERSIGN_SLACK_REFUSED_CALLS_WINDOW must be longer than 0s");
        }
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.clock = clock;
        List<String> reasons = new java.util.ArrayList<>(Arrays.stream(SignatureCheck.Reason.values())
                .map(SignatureCheck.Reason::tag)
                .toList());
        reasons.add(TOO_LARGE);
        reasons.add(SLOWED_DOWN);
        for (String reason : reasons) {
            counters.put(
                    reason,
                    Counter.builder(METER)
                            .description("Callbacks to /slack/events refused, by reason")
                            .tag("reason", reason)
                            .register(meters));
        }
    }

    /**
     * How long the address must wait before it is heard again, or empty when it may call now. A call it makes while
     * it must wait is counted as {@value #SLOWED_DOWN}.
     */
    Optional<Duration> slowedDown(String address) {
        if (limit == 0) {
            return Optional.empty();
        }
        String key = key(address);
        long now = clock.millis();
        Optional<Duration> wait;
        synchronized (this) {
            Refusals refusals = byAddress.get(key);
            wait = refusals == null ? Optional.empty() : refusals.wait(now, limit, windowMillis);
            if (wait.isPresent()) {
                note(SLOWED_DOWN, key);
            }
        }
        if (wait.isPresent()) {
            counters.get(SLOWED_DOWN).increment();
            reportIfDue();
        }
        return wait;
    }

    /** Counts a refused call against its address. */
    void refused(String address, String reason) {
        String key = key(address);
        long now = clock.millis();
        synchronized (this) {
            if (limit > 0) {
                byAddress.computeIfAbsent(key, k -> new Refusals(limit)).add(now);
            }
            note(reason, key);
        }
        counters.get(reason).increment();
        reportIfDue();
    }

    /**
     * Logs what was refused since the last summary, if anything was and the last one is {@link #REPORT_EVERY} old:
     * one line however many calls were refused. Called on every refusal and, so that the end of a burst is told
     * too, now and then by the housekeeping.
     */
    void reportIfDue() {
        String summary;
        synchronized (this) {
            Instant now = clock.instant();
            if (sinceReport.isEmpty() || now.isBefore(lastReport.plus(REPORT_EVERY))) {
                return;
            }
            summary = summary(now);
            lastReport = now;
            sinceReport.clear();
            addressesSinceReport.clear();
            moreAddressesSinceReport = false;
        }
        log.warn(summary);
    }

    private void note(String reason, String key) {
        sinceReport.merge(reason, 1L, Long::sum);
        if (addressesSinceReport.containsKey(key) || addressesSinceReport.size() < MAX_SUMMARY_ADDRESSES) {
            addressesSinceReport.merge(key, 1, Integer::sum);
        } else {
            moreAddressesSinceReport = true;
        }
    }

    private String summary(Instant now) {
        long total = sinceReport.values().stream().mapToLong(Long::longValue).sum();
        String reasons = sinceReport.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        var busiest = addressesSinceReport.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow();
        String since = lastReport.equals(Instant.EPOCH)
                ? "since start"
                : "in the last " + Duration.between(lastReport, now).toSeconds() + " s";
        return "Refused " + total + " callback(s) to /slack/events " + since + " (" + reasons + ") from "
                + (moreAddressesSinceReport ? "more than " : "") + addressesSinceReport.size() + " address(es), most "
                + "from " + busiest.getKey() + " (" + busiest.getValue() + "). Slack signs every call it makes: if "
                + "these are Slack's, check the signing secret and this machine's clock.";
    }

    /** What an address is judged by: itself, or for IPv6 its /64. */
    static String key(String address) {
        if (address == null) {
            return "unknown";
        }
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            // A literal (it has a colon), so no name is looked up.
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length == 16) {
                Arrays.fill(bytes, 8, 16, (byte) 0);
                return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
            }
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            return address;
        }
    }

    /** The instants of an address's last {@code limit} refusals, in a ring. */
    private static final class Refusals {

        private final long[] at;
        private int next;
        private int count;

        Refusals(int limit) {
            this.at = new long[limit];
        }

        void add(long now) {
            at[next] = now;
            next = (next + 1) % at.length;
            count = Math.min(count + 1, at.length);
        }

        /** Until the oldest of the last {@code limit} refusals leaves the window, when there are that many in it. */
        Optional<Duration> wait(long now, int limit, long windowMillis) {
            if (count < limit) {
                return Optional.empty();
            }
            long oldest = at[next];
            long until = oldest + windowMillis;
            return until > now ? Optional.of(Duration.ofMillis(until - now)) : Optional.empty();
        }
    }
}
