package dev.countersign.schedule;

import java.time.Instant;

/**
 * Work that falls due with the passing of time (an expiry, a reminder, a delegation that starts), found and done by
 * the scheduler's periodic sweep. Any module may contribute a bean. The sweep may run late, twice, or on another
 * instance: {@link #runDue} must do each piece of work once however often it is called, and be cheap when nothing
 * is due.
 */
public interface DueWork {

    /** A short name for logs and metrics, e.g. "expiry". */
    String name();

    /** Does whatever is due at {@code now}. */
    void runDue(Instant now);
}
