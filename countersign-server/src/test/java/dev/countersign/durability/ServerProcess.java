package dev.countersign.durability;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The real server ({@code countersign serve}) in an operating-system process of its own, on this test run's
 * classpath, so that it can be killed the hard way. Its output goes to a log file whose end is quoted whenever
 * something goes wrong.
 */
final class ServerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts {@code countersign serve} with exactly the given {@code COUNTERSIGN_*} settings (none inherited from
     * this JVM's environment) on a free port, and waits until it reports healthy.
     */
    static ServerProcess start(Map<String, String> settings, Path log) {
        int port = freePort();
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(
                java,
                "-XX:TieredStopAtLevel=1",
                "-Xmx384m",
                "-cp",
                serverClasspath(),
                "dev.countersign.Countersign",
                "serve"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment()
                .keySet()
                .removeIf(name ->
                        name.startsWith("COUNTERSIGN_") || name.startsWith("SPRING_") || name.equals("SERVER_PORT"));
        builder.environment().putAll(settings);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        ServerProcess server;
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(
                    log,
                    "---- " + String.join(" ", command.subList(0, 3)) + " ... serve on port " + port
                            + System.lineSeparator(),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            server = new ServerProcess(builder.start(), port, log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command.getFirst(), e);
        }
        server.awaitHealthy();
        return server;
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    private void awaitHealthy() {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(baseUrl().resolve("/actuator/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited with " + process.exitValue() + " while starting; "
                        + "its output ends with:\n" + logTail());
            }
            try {
                HttpResponse<String> answer = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the server", e);
            }
            sleep(Duration.ofMillis(200));
        }
        process.destroyForcibly();
        throw new AssertionError("the server did not report healthy within " + START_TIMEOUT.toSeconds()
                + " s; its output ends with:\n" + logTail());
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    /** SIGTERM: the server shuts down gracefully. Returns the exit code. */
    int stop() {
        process.destroy();
        return awaitExit(Duration.ofSeconds(30));
    }

    private int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the server did not exit within " + timeout.toSeconds() + " s; its output "
                        + "ends with:\n" + logTail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the server to exit", e);
        }
    }

    /** The last lines the server printed, for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())) + "\n(whole log: "
                    + log.toAbsolutePath() + ")";
        } catch (IOException e) {
            return "(no log at " + log.toAbsolutePath() + ": " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * This test run's classpath without the test classes and resources, so that the server runs as it does in
     * production: nothing a test puts on the classpath (an application.yaml, say) changes it.
     */
    private static String serverClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
