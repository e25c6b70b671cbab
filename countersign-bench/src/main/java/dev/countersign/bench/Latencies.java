package dev.countersign.bench;

import java.util.Arrays;

/**
 * Latencies recorded in nanoseconds, summarised as nearest-rank percentiles. A benchmark run records at most a few
 * hundred thousand values, so keeping them all and sorting once is exact and cheap; no histogram library needed.
 */
final class Latencies {

    private long[] nanos = new long[4096];
    private int count;

    synchronized void record(long elapsedNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = Math.max(0, elapsedNanos);
    }

    synchronized Summary summary() {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return new Summary(
                count,
                millis(percentile(sorted, 50)),
                millis(percentile(sorted, 90)),
                millis(percentile(sorted, 99)),
                millis(count == 0 ? 0 : sorted[count - 1]));
    }

    /**
     * The nearest-rank percentile: the smallest recorded value that at least {@code percent}% of all values do not
     * exceed. {@code 0} when nothing was recorded.
     */
    static long percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** Percentiles in milliseconds. */
    record Summary(int count, double p50, double p90, double p99, double max) {

        @Override
        public String toString() {
            return count == 0
                    ? "no samples"
                    : "p50 %s  p90 %s  p99 %s  max %s".formatted(ms(p50), ms(p90), ms(p99), ms(max));
        }

        static String ms(double millis) {
            return millis < 10
                    ? "%.2f".formatted(millis)
                    : millis < 100 ? "%.1f".formatted(millis) : "%.0f".formatted(millis);
        }
    }
}
