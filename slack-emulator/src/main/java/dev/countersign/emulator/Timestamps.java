package dev.countersign.emulator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Message timestamps the way Slack makes them ({@code "1700000000.000100"}): the wall clock in microseconds, and
 * strictly increasing, because a ts is also the message's id within its channel.
 */
final class Timestamps {

    private final AtomicLong lastMicros = new AtomicLong();

    String next() {
        long now = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        long micros = lastMicros.updateAndGet(last -> Math.max(last + 1, now));
        return format(micros);
    }

    /** Orders two ts values (or Unix times such as {@code "1700000000"}) by the time they stand for. */
    static int compare(String a, String b) {
        return new java.math.BigDecimal(a).compareTo(new java.math.BigDecimal(b));
    }

    static String format(long micros) {
        return (micros / 1_000_000) + "." + String.format("%06d", micros % 1_000_000);
    }
}
