package dev.countersign.schedule;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When the scheduler fires.
 *
 * @param sweepInterval {@code COUNTERSIGN_SCHEDULE_SWEEP_INTERVAL}: time between due-work sweeps (expiry, reminders)
 * @param sweepThreads  {@code COUNTERSIGN_SCHEDULE_SWEEP_THREADS}: batches of due requests a sweep works on side by
 *                      side (each thread works at most a third of the time; one takes about a thousand due
 *                      requests a second)
 */
@ConfigurationProperties("countersign.schedule")
public record ScheduleSettings(
        @DefaultValue("10s") Duration sweepInterval,
        @DefaultValue("1") int sweepThreads) {

    public ScheduleSettings {
        if (sweepInterval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException(
                    "countersign.schedule.sweep-interval must be at least 100ms, was " + sweepInterval);
        }
        if (sweepThreads < 1 || sweepThreads > 32) {
            throw new IllegalArgumentException(
                    "countersign.schedule.sweep-threads must be from 1 to 32, was " + sweepThreads);
        }
    }
}
