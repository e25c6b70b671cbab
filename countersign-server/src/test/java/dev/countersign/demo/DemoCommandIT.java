package dev.countersign.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.api.ApiClient;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * {@code countersign demo} as a user runs it: in a process of its own, started through the jar's main class, until
 * it is told to stop. And what it says when it cannot start.
 */
class DemoCommandIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path directory;

    @Test
    void startsWithTheExampleRequestsAndTheSandboxThenStopsWhenToldTo() throws Exception {
        // given
        int port = freePort();
        int sandboxPort = freePort();
        Path dataDir = directory.resolve("demo-data");

        // when
        try (DemoProcess demo = DemoProcess.start(
                dataDir,
                "--port",
                String.valueOf(port),
                "--sandbox-port",
                String.valueOf(sandboxPort),
                "--data-dir",
                dataDir.toString())) {
            String printed = demo.awaitOutput("What to do:");

            // then: it says where everything is
            assertThat(printed)
                    .contains(
                            "http://127.0.0.1:" + sandboxPort + "/sandbox/",
                            "http://127.0.0.1:" + port,
                            "Bob Martin",
                            "Ctrl-C stops the demo")
                    .doesNotContain("xoxb-");
            List<String> ids = requestIds(printed, port);
            assertThat(ids).hasSize(3);

            // and: the example requests exist, behind the generated API token in the data directory
            String token = Files.readString(dataDir.resolve("api-token")).strip();
            ApiClient api = ApiClient.onPort(port, token);
            List<JsonNode> requests = ids.stream().map(api::fetch).toList();
            assertThat(requests)
                    .extracting(r -> r.get("title").asString())
                    .containsExactly(
                            "Deploy billing-api v2.4.0 to production",
                            "Roll back checkout-web to v1.8.2",
                            "Read access to the analytics database for Alice");
            assertThat(requests.get(0).get("levels")).hasSize(2);
            assertThat(requests.get(1).get("mode").asString()).isEqualTo("urgent");
            assertThat(requests.get(2).get("channel").asString()).isEqualTo("#deploys");

            // and: the sandbox shows Bob the three approval DMs
            HttpClient http = HttpClient.newHttpClient();
            URI sandbox = URI.create("http://127.0.0.1:" + sandboxPort + "/sandbox/");
            assertThat(http.send(HttpRequest.newBuilder(sandbox).build(), HttpResponse.BodyHandlers.ofString())
                            .body())
                    .contains("Countersign sandbox");
            JsonNode users = ApiClient.JSON.readTree(http.send(
                            HttpRequest.newBuilder(sandbox.resolve("api/users")).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            String bob = users.valueStream()
                    .filter(u -> u.get("name").asString().equals("bob.martin"))
                    .findFirst()
                    .orElseThrow()
                    .get("id")
                    .asString();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode state = ApiClient.JSON.readTree(http.send(
                                HttpRequest.newBuilder(sandbox.resolve("api/state?user=" + bob))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());
                JsonNode dm = state.get("conversations")
                        .valueStream()
                        .filter(c -> c.get("is_im").asBoolean())
                        .findFirst()
                        .orElseThrow();
                assertThat(dm.get("messages")).hasSize(3);
            });

            // when: stopped as Ctrl-C or a service manager would (a signal; SIGTERM here)
            int exit = demo.stop();

            // then: it said so, and neither port answers any more
            assertThat(demo.output()).as("exit code %d", exit).contains("Stopping the demo…", "Stopped.");
            assertThat(exit).isIn(0, 130, 143);
            assertThat(listening(port)).isFalse();
            assertThat(listening(sandboxPort)).isFalse();
        }
    }

    @Test
    void refusesToEmptyADirectoryItDidNotMake() throws Exception {
        // given
        Path someoneElses = Files.createDirectories(directory.resolve("data"));
        Files.writeString(someoneElses.resolve("important.txt"), "keep me");

        // when
        Run run = runInProcess("--port", "0", "--sandbox-port", "0", "--data-dir", someoneElses.toString());

        // then
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("holds files the demo did not make", "--data-dir");
        assertThat(someoneElses.resolve("important.txt")).hasContent("keep me");
    }

    @Test
    void saysWhichPortIsTakenWhenTheSandboxCannotListen() throws Exception {
        // given
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            // when
            Run run = runInProcess(
                    "--port",
                    "0",
                    "--sandbox-port",
                    String.valueOf(taken.getLocalPort()),
                    "--data-dir",
                    directory.resolve("demo-data").toString());

            // then
            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(run.err()).contains("port " + taken.getLocalPort(), "--sandbox-port");
        }
    }

    @Test
    void rejectsAPortOutOfRangeAsAUsageError() {
        // when
        Run run = runInProcess("--port", "70000");

        // then
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("--port");
    }

    @Test
    void aDirectoryItMakesIsReadableByItsOwnerOnly() throws Exception {
        // when
        try (DemoDataDirectory claimed = DemoDataDirectory.claim(directory.resolve("new-demo-data"))) {
            // then
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(claimed.path())))
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void aDirectoryItMadeIsEmptiedForTheNextRun() throws Exception {
        // given
        Path dataDir;
        try (DemoDataDirectory lastRun = DemoDataDirectory.claim(directory.resolve("demo-data"))) {
            dataDir = lastRun.path();
            Files.createDirectories(dataDir.resolve("sub"));
            Files.writeString(dataDir.resolve("sub/countersign.mv.db"), "last run");
        }

        // when
        try (DemoDataDirectory next = DemoDataDirectory.claim(dataDir)) {
            // then
            try (var entries = Files.list(next.path())) {
                assertThat(entries.map(p -> p.getFileName().toString())).containsExactly(DemoDataDirectory.MARKER);
            }
        }
    }

    @Test
    void aSecondDemoOnTheSameDirectoryIsRefusedAndEmptiesNothing() throws Exception {
        // given
        try (DemoDataDirectory running = DemoDataDirectory.claim(directory.resolve("demo-data"))) {
            Files.writeString(running.path().resolve("countersign.mv.db"), "in use");

            // when
            Run run = runInProcess(
                    "--port",
                    "0",
                    "--sandbox-port",
                    "0",
                    "--data-dir",
                    running.path().toString());

            // then
            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(run.err()).contains("another demo is running");
            assertThat(running.path().resolve("countersign.mv.db")).hasContent("in use");
        }
    }

    // ---- helpers

    private record Run(int exitCode, String out, String err) {}

    /** Only for runs that stop before the service starts: the command's own checks and the emulator's port. */
    private static Run runInProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new DemoCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static List<String> requestIds(String printed, int port) {
        Matcher matcher = Pattern.compile("http://127\\.0\\.0\\.1:" + port + "/api/v1/requests/([0-9a-f]+)")
                .matcher(printed);
        List<String> ids = new ArrayList<>();
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return socket.isConnected();
        } catch (ConnectException refused) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * {@code countersign demo} in a process of its own, on this test run's classpath without the test classes. Its
     * output goes to a file: read from a pipe, what the JVM prints in its last moments (the shutdown hook's
     * goodbye) can be lost when the JDK drains the pipe at exit.
     */
    private static final class DemoProcess implements AutoCloseable {

        private final Process process;
        private final Path log;

        private DemoProcess(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        static DemoProcess start(Path dataDir, String... args) throws IOException {
            Path workingDirectory = Files.createDirectories(dataDir.getParent());
            Path log = workingDirectory.resolve("demo-output.txt");
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classpath = Arrays.stream(
                            System.getProperty("java.class.path").split(File.pathSeparator))
                    .filter(entry -> !Path.of(entry).endsWith("test-classes"))
                    .collect(Collectors.joining(File.pathSeparator));
            List<String> command = new ArrayList<>(List.of(
                    java,
                    "-XX:TieredStopAtLevel=1",
                    "-Xmx384m",
                    "-cp",
                    classpath,
                    "dev.countersign.Countersign",
                    "demo"));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .directory(workingDirectory.toFile());
            builder.environment()
                    .keySet()
                    .removeIf(name -> name.startsWith("COUNTERSIGN_")
                            || name.startsWith("SLACK_")
                            || name.startsWith("SPRING_")
                            || name.equals("SERVER_PORT"));
            return new DemoProcess(builder.start(), log);
        }

        String awaitOutput(String line) throws InterruptedException {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!output().contains(line)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("the demo did not print '" + line + "' (exit: "
                            + (process.isAlive() ? "still running" : process.exitValue()) + "); it printed:\n"
                            + output());
                }
                Thread.sleep(100);
            }
            return output();
        }

        String output() {
            try {
                return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the demo did not stop within 30 s of SIGTERM; it printed:\n" + output());
            }
            return process.exitValue();
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
