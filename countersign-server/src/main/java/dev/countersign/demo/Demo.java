package dev.countersign.demo;

import dev.countersign.CountersignServer;
import dev.countersign.emulator.EmulatorSettings;
import dev.countersign.emulator.SlackEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.MapPropertySource;

/**
 * A running demo: the Slack emulator with the demo people, and the service in this JVM wired to it, with the
 * example requests created. {@link #close()} stops both, the service first (it stops sending to Slack), then the
 * emulator.
 */
public final class Demo implements AutoCloseable {

    /**
     * How to run it.
     *
     * @param port         the service's HTTP port, 0 for any free one
     * @param sandboxPort  the emulator's port (its Web API and the sandbox page), 0 for any free one
     * @param dataDir      the demo data directory, emptied at start
     * @param quietConsole the service logs to a file in the data directory only, not to the console (the command's choice; tests keep the JVM's logging as it is)
     */
    public record Settings(int port, int sandboxPort, Path dataDir, boolean quietConsole) {}

    static final String LOG_FILE = "countersign.log";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SlackEmulator slack;
    private final ConfigurableApplicationContext service;
    private final URI serviceUrl;
    private final DemoDataDirectory dataDir;
    private final DemoPeople people;
    private final List<DemoRequest> requests;
    private final String delegation;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Demo(
            SlackEmulator slack,
            ConfigurableApplicationContext service,
            URI serviceUrl,
            DemoDataDirectory dataDir,
            DemoPeople people,
            List<DemoRequest> requests,
            String delegation) {
        this.slack = slack;
        this.service = service;
        this.serviceUrl = serviceUrl;
        this.dataDir = dataDir;
        this.people = people;
        this.requests = requests;
        this.delegation = delegation;
    }

    /** Starts everything and creates the example requests; on failure nothing is left running. */
    public static Demo start(Settings settings) {
        SlackEmulator slack = startEmulator(settings.sandboxPort());
        DemoDataDirectory claimed = null;
        ConfigurableApplicationContext service = null;
        try {
            DemoPeople people = DemoPeople.addTo(slack);
            slack.addChannel(ExampleRequests.CHANNEL);
            claimed = DemoDataDirectory.claim(settings.dataDir());
            Path dataDir = claimed.path();
            service = startService(settings, slack, dataDir);
            int port = service.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            URI serviceUrl = URI.create("http://127.0.0.1:" + port);
            slack.requestUrl(serviceUrl.resolve("/slack/events"));
            ExampleRequests examples = new ExampleRequests(serviceUrl, apiToken(dataDir));
            String delegation = examples.delegate(people);
            List<DemoRequest> requests = examples.create(people);
            return new Demo(slack, service, serviceUrl, claimed, people, requests, delegation);
        } catch (RuntimeException e) {
            if (service != null) {
                service.close();
            }
            slack.close();
            if (claimed != null) {
                claimed.close();
            }
            throw e instanceof DemoFailure ? e : new DemoFailure(reason(e, settings), e);
        }
    }

    private static SlackEmulator startEmulator(int port) {
        try {
            return SlackEmulator.start(EmulatorSettings.defaults()
                    .withPort(port)
                    .withTeam("T0DEMO0001", "countersign-demo")
                    .withBotToken("xoxb-demo-" + hex(12))
                    .withSigningSecret(hex(32)));
        } catch (UncheckedIOException e) {
            throw new DemoFailure(
                    "the sandbox cannot listen on port " + port + " ("
                            + e.getCause().getMessage() + "); pass --sandbox-port with a free port, or 0 for any",
                    e);
        }
    }

    private static ConfigurableApplicationContext startService(Settings settings, SlackEmulator slack, Path dataDir) {
        // The links in Slack messages need the port before the server has it: pick a free one for "any".
        int port = settings.port() == 0 ? freePort() : settings.port();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", port);
        properties.put("server.address", "127.0.0.1");
        properties.put("countersign.data-dir", dataDir.toString());
        properties.put("countersign.base-url", "http://127.0.0.1:" + port);
        // application.yaml's embedded database, set outright so that a COUNTERSIGN_DB_URL in the environment (a
        // real PostgreSQL) never receives demo data.
        properties.put(
                "spring.datasource.url",
                "jdbc:h2:file:" + dataDir.resolve("countersign")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0");
        properties.put("spring.datasource.username", "");
        properties.put("spring.datasource.password", "");
        // Blank: the service generates its API token into the data directory, where the CLI finds it.
        properties.put("countersign.api-token", "");
        properties.put("countersign.slack.bot-token", slack.botToken());
        properties.put("countersign.slack.signing-secret", slack.signingSecret());
        properties.put("countersign.slack.api-url", slack.apiUrl());
        properties.put("countersign.slack.proxy-url", "");
        properties.put("countersign.slack.buttons", "true");
        properties.put("countersign.slack.dispatcher-poll-interval", "200ms");
        if (settings.quietConsole()) {
            // The console is the demo's own output; a failure is summed up there, with this file for details.
            properties.put("logging.threshold.console", "off");
            properties.put("logging.file.name", dataDir.resolve(LOG_FILE).toString());
        }
        SpringApplication application = new SpringApplication(CountersignServer.class);
        application.addListeners(new DemoProperties(properties));
        // Closed by close(), in order: the service before the emulator it talks to.
        application.setRegisterShutdownHook(false);
        return application.run();
    }

    /**
     * Puts the demo's settings above every other source (environment variables included) before anything reads
     * the environment, logging among them.
     */
    private record DemoProperties(Map<String, Object> properties)
            implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            event.getEnvironment().getPropertySources().addFirst(new MapPropertySource("countersign-demo", properties));
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    private static String apiToken(Path dataDir) {
        try {
            return Files.readString(dataDir.resolve("api-token"), StandardCharsets.UTF_8)
                    .strip();
        } catch (IOException e) {
            throw new DemoFailure("the service wrote no API token into " + dataDir, e);
        }
    }

    private static String reason(RuntimeException e, Settings settings) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return "the service cannot listen on port " + settings.port() + " (in use); pass --port with a "
                        + "free port, or 0 for any";
            }
        }
        String log =
                settings.quietConsole() ? " (details in " + settings.dataDir().resolve(LOG_FILE) + ")" : "";
        return "the demo could not start: " + rootCause(e).getMessage() + log;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new DemoFailure("no free port on 127.0.0.1", e);
        }
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    // ---- what is running

    public URI serviceUrl() {
        return serviceUrl;
    }

    public URI sandboxUrl() {
        return URI.create(slack.sandboxUrl());
    }

    public SlackEmulator slack() {
        return slack;
    }

    public Path dataDir() {
        return dataDir.path();
    }

    public DemoPeople people() {
        return people;
    }

    public List<DemoRequest> requests() {
        return requests;
    }

    /** A line saying whether Erin stands in for Dave. */
    public String delegation() {
        return delegation;
    }

    /** Blocks until {@link #close()} has stopped everything (from another thread, e.g. a shutdown hook). */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            service.close();
        } finally {
            slack.close();
            dataDir.close();
            stopped.countDown();
        }
    }
}
