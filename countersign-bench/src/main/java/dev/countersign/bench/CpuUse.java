package dev.countersign.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the CPU went during a measurement, on the one machine that runs the server, PostgreSQL and this load
 * generator: the server's own CPU time ({@code process.cpu.time}, when it exposes metrics), this process's, and the
 * whole machine's ({@code /proc/stat}, on Linux). What is busy beyond the server and the client is PostgreSQL, plus
 * anything else running at the time.
 */
final class CpuUse {

    private static final Path PROC_STAT = Path.of("/proc/stat");

    /** CPU counters at one moment; {@code -1} for what could not be read. */
    record Sample(long wallNanos, long serverNanos, long clientNanos, long machineBusy, long machineTotal) {}

    private final BenchClient client;

    CpuUse(BenchClient client) {
        this.client = client;
    }

    Sample sample() {
        long server = client.metric("process.cpu.time", "COUNT")
                .map(Double::longValue)
                .orElse(-1L);
        long[] machine = machine();
        return new Sample(System.nanoTime(), server, clientNanos(), machine[0], machine[1]);
    }

    /**
     * E.g. {@code server 0.41, client 0.30, rest 0.44 ms per creation; machine 115% busy of 200%}, or empty when
     * nothing was measured.
     */
    static Optional<String> describe(Sample from, Sample to, long operations, String operation) {
        if (operations <= 0) {
            return Optional.empty();
        }
        double wall = to.wallNanos() - from.wallNanos();
        int cpus = Runtime.getRuntime().availableProcessors();
        StringBuilder text = new StringBuilder();
        double server = from.serverNanos() < 0 || to.serverNanos() < 0 ? -1 : to.serverNanos() - from.serverNanos();
        double clientCpu = to.clientNanos() - from.clientNanos();
        double machine = -1;
        if (from.machineTotal() >= 0 && to.machineTotal() > from.machineTotal()) {
            double busyShare =
                    (double) (to.machineBusy() - from.machineBusy()) / (to.machineTotal() - from.machineTotal());
            machine = busyShare * wall * cpus;
        }
        if (server >= 0) {
            text.append("server ").append(perOperation(server, operations)).append(", ");
        }
        if (from.clientNanos() < 0 && !text.isEmpty()) {
            text.setLength(text.length() - 2);
        }
        if (from.clientNanos() >= 0) {
            text.append("client ").append(perOperation(clientCpu, operations));
        }
        if (machine >= 0 && server >= 0 && from.clientNanos() >= 0) {
            text.append(", rest (PostgreSQL, others) ")
                    .append(perOperation(Math.max(0, machine - server - clientCpu), operations));
        }
        if (text.isEmpty()) {
            return Optional.empty();
        }
        text.append(" ms CPU per ").append(operation);
        if (machine >= 0) {
            text.append("; machine %.0f%% busy of %d%%".formatted(machine / wall * 100, cpus * 100));
        }
        return Optional.of(text.toString());
    }

    private static String perOperation(double nanos, long operations) {
        return "%.2f".formatted(nanos / operations / 1_000_000);
    }

    private static long clientNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** Busy and total jiffies of all CPUs, or {@code {-1, -1}} off Linux. */
    private static long[] machine() {
        try {
            String[] fields = Files.readAllLines(PROC_STAT).getFirst().trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long user = Long.parseLong(fields[1]);
            long nice = Long.parseLong(fields[2]);
            long system = Long.parseLong(fields[3]);
            long idle = Long.parseLong(fields[4]);
            long iowait = Long.parseLong(fields[5]);
            long irq = Long.parseLong(fields[6]);
            long softirq = Long.parseLong(fields[7]);
            long steal = Long.parseLong(fields[8]);
            long busy = user + nice + system + irq + softirq + steal;
            return new long[] {busy, busy + idle + iowait};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }
}
