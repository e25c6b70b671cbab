package dev.countersign.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the server says about itself through {@code /actuator/metrics}, when that endpoint is exposed (the server
 * only exposes {@code health} and {@code info} by default; {@code scripts/bench.sh} adds {@code metrics}). Without
 * it the scenarios report what the client sees, and say so.
 */
final class ServerMetrics {

    private final BenchClient client;

    ServerMetrics(BenchClient client) {
        this.client = client;
    }

    boolean exposed() {
        return liveThreads().isPresent();
    }

    Optional<Double> liveThreads() {
        return client.metric("jvm.threads.live", "VALUE");
    }

    /** HTTP requests the server is handling right now, parked long-polls included. */
    Optional<Double> activeRequests() {
        return client.metric("http.server.requests.active", "ACTIVE_TASKS");
    }

    /** The figures that say whether threads or connections run out; those the server does not publish are left out. */
    Map<String, String> snapshot() {
        Map<String, String> figures = new LinkedHashMap<>();
        put(figures, "JVM threads live", client.metric("jvm.threads.live", "VALUE"));
        put(figures, "JVM threads peak", client.metric("jvm.threads.peak", "VALUE"));
        put(figures, "Tomcat threads busy", client.metric("tomcat.threads.busy", "VALUE"));
        put(figures, "Tomcat threads current", client.metric("tomcat.threads.current", "VALUE"));
        put(figures, "Tomcat connections", client.metric("tomcat.connections.current", "VALUE"));
        put(figures, "HTTP requests active", activeRequests());
        put(figures, "DB connections active", client.metric("hikaricp.connections.active", "VALUE"));
        put(figures, "DB connections pending", client.metric("hikaricp.connections.pending", "VALUE"));
        put(
                figures,
                "heap used MiB",
                client.metric("jvm.memory.used?tag=area:heap", "VALUE").map(bytes -> bytes / (1 << 20)));
        return figures;
    }

    private static void put(Map<String, String> figures, String name, Optional<Double> value) {
        value.ifPresent(v -> figures.put(name, "%.0f".formatted(v)));
    }
}
