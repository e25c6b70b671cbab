package dev.countersign.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuUseTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void splitsTheMachinesCpuIntoServerClientAndTheRestPerOperation() {
        // given 10 s in which the machine was half busy: 1 s of server CPU, 0.5 s of client CPU per 1,000 operations
        int cpus = Runtime.getRuntime().availableProcessors();
        CpuUse.Sample from = new CpuUse.Sample(0, 0, 0, 0, 0);
        CpuUse.Sample to = new CpuUse.Sample(10 * SECOND, SECOND, SECOND / 2, 500, 1000);

        // when
        String described = CpuUse.describe(from, to, 1000, "creation").orElseThrow();

        // then: the machine spent 0.5 × 10 s × cpus, that is half of each CPU; what neither JVM used is the rest
        double rest = (0.5 * 10 * cpus - 1.5) / 1000 * 1000;
        assertThat(described)
                .isEqualTo("server 1.00, client 0.50, rest (PostgreSQL, others) "
                        + "%.2f ms CPU per creation; machine %d%% busy of %d%%".formatted(rest, cpus * 50, cpus * 100));
    }

    @Test
    void leavesOutWhatCouldNotBeRead() {
        // given a server without metrics, on a machine without /proc/stat
        CpuUse.Sample from = new CpuUse.Sample(0, -1, 0, -1, -1);
        CpuUse.Sample to = new CpuUse.Sample(SECOND, -1, SECOND / 10, -1, -1);

        // when
        String described = CpuUse.describe(from, to, 100, "creation").orElseThrow();

        // then
        assertThat(described).isEqualTo("client 1.00 ms CPU per creation");
    }

    @Test
    void saysNothingWhenNothingWasDone() {
        // when / then
        assertThat(CpuUse.describe(
                        new CpuUse.Sample(0, 0, 0, 0, 0), new CpuUse.Sample(SECOND, 5, 5, 5, 10), 0, "creation"))
                .isEmpty();
    }
}
