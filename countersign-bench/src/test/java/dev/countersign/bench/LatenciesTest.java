package dev.countersign.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void summarisesNearestRankPercentilesInMilliseconds() {
        // given 1 ms .. 100 ms, recorded out of order
        Latencies latencies = new Latencies();
        for (int ms = 100; ms >= 1; ms--) {
            latencies.record(ms * 1_000_000L);
        }

        // when
        Latencies.Summary summary = latencies.summary();

        // then
        assertThat(summary.count()).isEqualTo(100);
        assertThat(summary.p50()).isEqualTo(50.0);
        assertThat(summary.p90()).isEqualTo(90.0);
        assertThat(summary.p99()).isEqualTo(99.0);
        assertThat(summary.max()).isEqualTo(100.0);
    }

    @Test
    void aSingleSlowCallAmongAHundredShowsOnlyInTheMaximum() {
        // given 99 calls of 2 ms and one of 900 ms
        Latencies latencies = new Latencies();
        for (int i = 0; i < 99; i++) {
            latencies.record(2_000_000L);
        }
        latencies.record(900_000_000L);

        // when
        Latencies.Summary summary = latencies.summary();

        // then
        assertThat(summary.p99()).isEqualTo(2.0);
        assertThat(summary.max()).isEqualTo(900.0);
    }

    @Test
    void keepsEverySampleBeyondItsInitialCapacity() {
        // given
        Latencies latencies = new Latencies();

        // when
        for (int i = 1; i <= 100_000; i++) {
            latencies.record(i * 1_000L);
        }

        // then
        Latencies.Summary summary = latencies.summary();
        assertThat(summary.count()).isEqualTo(100_000);
        assertThat(summary.p50()).isEqualTo(50.0);
        assertThat(summary.max()).isEqualTo(100.0);
    }

    @Test
    void saysSoWhenNothingWasRecorded() {
        // when
        Latencies.Summary summary = new Latencies().summary();

        // then
        assertThat(summary.count()).isZero();
        assertThat(summary).hasToString("no samples");
    }

    @Test
    void percentileOfNothingIsZero() {
        // when / then
        assertThat(Latencies.percentile(new long[0], 99)).isZero();
    }
}
