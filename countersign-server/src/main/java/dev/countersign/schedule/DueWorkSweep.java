package dev.countersign.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic sweep: hands the current time to every {@link DueWork}. db-scheduler only decides when it runs (and
 * that one instance runs it at a time); what is due is decided here, from the {@link Clock}, so a test can drive
 * the sweep with any {@code now}. One failing piece of work does not keep the others from running.
 */
public class DueWorkSweep {

    private static final Logger log = LoggerFactory.getLogger(DueWorkSweep.class);
    private static final Duration SLOW = Duration.ofSeconds(5);

    private final List<DueWork> work;
    private final Clock clock;

    DueWorkSweep(List<DueWork> work, Clock clock) {
        this.work = List.copyOf(work);
        this.clock = clock;
    }

    /** Runs everything due now. */
    public void run() {
        runAt(clock.instant());
    }

    /** Runs everything due at {@code now}. */
    public void runAt(Instant now) {
        for (DueWork due : work) {
            long started = System.nanoTime();
            try {
                due.runDue(now);
            } catch (RuntimeException e) {
                log.warn("Due work '{}' failed; the next sweep tries again: {}", due.name(), e.toString());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (took.compareTo(SLOW) > 0) {
                log.info("Due work '{}' took {} ms", due.name(), took.toMillis());
            }
        }
    }
}
