package dev.countersign.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How one request is reminded: every {@code every}, at most {@code max} times per level, then one escalation to
 * {@code escalateTo}; each at the next moment {@code allowed} permits.
 */
public record ReminderPlan(Duration every, int max, List<String> escalateTo, AllowedTimes allowed) {

    /** When the next step after one taken at {@code from} falls due. */
    public Instant nextAfter(Instant from) {
        return allowed.nextAllowed(from.plus(every));
    }
}
