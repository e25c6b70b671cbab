package dev.countersign.emulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An emulated Slack workspace on 127.0.0.1: point the app's Slack client at {@link #apiUrl()} and its Request URL
 * at {@link #requestUrl(URI)}, then act as users ({@link #click}, {@link #submitView}) and look at what they would
 * see ({@link #dms}, {@link #messages}, {@link #ephemerals}, {@link #openViews}).
 *
 * <p>Thread-safe: the Web API serves each call on its own virtual thread, and tests may click from many threads.
 * Everything handed out is a snapshot; read again to see later changes.
 */
public final class SlackEmulator implements AutoCloseable {

    private final EmulatorSettings settings;
    private final Workspace workspace;
    private final Faults faults = new Faults();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Interactions interactions;
    private final SocketModeServer socketMode;
    private volatile URI requestUrl;

    private SlackEmulator(EmulatorSettings settings) throws IOException {
        this.settings = settings;
        this.workspace = new Workspace(settings);
        this.requestUrl = settings.requestUrl();
        BlockKitRules blockKit = new BlockKitRules();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), settings.port()), 0);
        server.setExecutor(executor);
        socketMode = new SocketModeServer(settings);
        server.createContext(WebApi.PATH, new WebApi(settings, workspace, faults, blockKit, socketMode));
        server.createContext(ControlSurface.PATH, new ControlSurface(workspace, blockKit));
        interactions = new Interactions(
                settings, workspace, () -> requestUrl, () -> baseUrl() + ControlSurface.RESPOND.substring(1));
        server.createContext(Sandbox.PATH, new Sandbox(workspace, interactions));
        server.createContext("/", SlackEmulator::toSandbox);
    }

    public static SlackEmulator start(EmulatorSettings settings) {
        try {
            SlackEmulator emulator = new SlackEmulator(settings);
            emulator.server.start();
            return emulator;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Slack emulator on port " + settings.port(), e);
        }
    }

    public static SlackEmulator start() {
        return start(EmulatorSettings.defaults());
    }

    @Override
    public void close() {
        server.stop(0);
        socketMode.close();
        interactions.close();
        executor.close();
    }

    // ---- where it is

    public EmulatorSettings settings() {
        return settings;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:{port}/}, the root of both the Web API and the control surface. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/";
    }

    /** The Web API prefix for {@code SlackConfig#setMethodsEndpointUrlPrefix}: {@code http://127.0.0.1:{port}/api/}. */
    public String apiUrl() {
        return baseUrl() + WebApi.PATH.substring(1);
    }

    /** The sandbox page, where a person in a browser sees and clicks what a Slack user would: {@code …/sandbox/}. */
    public String sandboxUrl() {
        return baseUrl() + Sandbox.PATH.substring(1);
    }

    /** Anything outside the Web API, the control surface and the sandbox: the root leads to the sandbox. */
    private static void toSandbox(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/") || path.equals("/sandbox")) {
            exchange.getResponseHeaders().set("Location", Sandbox.PATH);
            HttpIo.send(exchange, 302, "text/plain", "see " + Sandbox.PATH);
        } else {
            HttpIo.send(exchange, 404, "text/plain", "not found");
        }
    }

    public String botToken() {
        return settings.botToken();
    }

    public String signingSecret() {
        return settings.signingSecret();
    }

    /** Where clicks and submissions go: the app's {@code POST /slack/events}. */
    public SlackEmulator requestUrl(URI requestUrl) {
        this.requestUrl = requestUrl;
        return this;
    }

    public URI requestUrl() {
        return requestUrl;
    }

    // ---- directory

    /** Adds a person; the real name is made from the name ("ada.lovelace" → "Ada Lovelace"). */
    public EmulatedUser addUser(String name, String email) {
        return workspace.addUser(name, email);
    }

    /**
     * Changes what Slack says about a user from now on (the id stays): e.g. {@code EmulatedUser::deactivated},
     * {@code EmulatedUser::asGuest}, {@code u -> u.withEmail("new@example.com")}. Answers the user as changed.
     */
    public EmulatedUser changeUser(EmulatedUser user, java.util.function.UnaryOperator<EmulatedUser> change) {
        return workspace.changeUser(user.id(), change);
    }

    /** Sets the line shown under the person's name, as Slack's profile title: e.g. "Approver, level 1". */
    public SlackEmulator title(EmulatedUser user, String title) {
        workspace.title(user.id(), title);
        return this;
    }

    public Optional<EmulatedUser> user(String id) {
        return workspace.user(id);
    }

    public Optional<EmulatedUser> userByEmail(String email) {
        return workspace.userByEmail(email);
    }

    public List<EmulatedUser> users() {
        return workspace.users();
    }

    /** Adds a public channel (name with or without '#'); adding an existing name answers its id. */
    public String addChannel(String name) {
        return workspace.addChannel(name);
    }

    /** The id of the app's DM with this user, if one was opened (conversations.open or posting to the user id). */
    public Optional<String> imOf(String userId) {
        return workspace.imOf(userId).map(Workspace.Conversation::id);
    }

    // ---- what people see

    public List<RecordedCall> calls() {
        return workspace.calls();
    }

    public List<RecordedCall> calls(String method) {
        return workspace.calls().stream()
                .filter(call -> call.method().equals(method))
                .toList();
    }

    /** Top-level messages of a channel, oldest first (thread replies: {@link #thread}). */
    public List<EmulatedMessage> messages(String channelId) {
        return workspace.messages(channelId);
    }

    /** Top-level messages of the app's DM with this user, oldest first; empty when no DM was opened. */
    public List<EmulatedMessage> dms(String userId) {
        return workspace.imOf(userId).map(im -> workspace.messages(im.id())).orElse(List.of());
    }

    /** The parent message followed by its replies, by ts. */
    public List<EmulatedMessage> thread(String channelId, String ts) {
        return workspace.thread(channelId, ts);
    }

    public Optional<EmulatedMessage> message(String channelId, String ts) {
        return workspace.message(channelId, ts);
    }

    public List<EmulatedMessage> ephemerals(String userId) {
        return workspace.ephemerals(userId);
    }

    /** The user's open modals, bottom of the stack first. */
    public List<OpenView> openViews(String userId) {
        return workspace.openViews(userId);
    }

    /** The user's App Home tab as last published ({@code views.publish}); empty when nothing was published. */
    public Optional<HomeTab> home(String userId) {
        return workspace.home(userId);
    }

    // ---- trouble on demand

    /** The next {@code times} calls of {@code method} ("*" for any) fail this way instead of running. */
    public SlackEmulator failNext(String method, int times, Failure failure) {
        faults.failNext(method, times, failure);
        return this;
    }

    /** Every call of {@code methodOrStar} answers HTTP 503 for this long, from now. */
    public SlackEmulator outage(String methodOrStar, Duration length) {
        faults.outage(methodOrStar, length);
        return this;
    }

    /** Every call of {@code methodOrStar} is answered this much later; {@link Duration#ZERO} ends it. */
    public SlackEmulator slowdown(String methodOrStar, Duration delay) {
        faults.slowdown(methodOrStar, delay);
        return this;
    }

    /** Forgets messages, modals, calls and faults; keeps users, channels and DMs (so their ids stay valid). */
    public void reset() {
        workspace.reset();
        faults.reset();
    }

    // ---- acting as a user

    /**
     * {@code user} clicks the button {@code actionId} on the message as it is now (not as it was when read): the
     * app's Request URL receives a signed {@code block_actions} payload. Fails when the button is no longer
     * there, the message is gone, or the user cannot see it (someone else's DM or ephemeral).
     */
    public InteractionResponse click(EmulatedUser user, EmulatedMessage message, String actionId) {
        return interactions.click(user, message, actionId);
    }

    /**
     * As {@link #click}, but the payload says it comes from another workspace: its {@code team.id} and
     * {@code user.team_id} are {@code teamId}. Signed all the same, as another install of the app would send it.
     */
    public InteractionResponse clickFromTeam(
            String teamId, EmulatedUser user, EmulatedMessage message, String actionId) {
        return interactions.click(user, message, actionId, teamId);
    }

    /** As {@link #submitView}, with the payload's {@code team.id} and {@code user.team_id} set to {@code teamId}. */
    public InteractionResponse submitViewFromTeam(
            String teamId, EmulatedUser user, OpenView view, Map<String, String> valuesByActionId) {
        return interactions.submit(user, view, valuesByActionId, teamId);
    }

    /** As {@link #slashCommand}, with the form's {@code team_id} set to {@code teamId}. */
    public InteractionResponse slashCommandFromTeam(
            String teamId, EmulatedUser user, String conversation, String command, String text) {
        return interactions.slashCommand(user, conversation, command, text, teamId);
    }

    /**
     * {@code user} fills in the modal's inputs (by action id) and presses Submit: the app's Request URL receives a
     * signed {@code view_submission} payload. As on Slack, the modal closes unless the app answers with
     * {@code response_action} "errors" (it stays), "update" or "push", or does not acknowledge within 3 seconds.
     * Fails when the modal is not open, has no such input, or a required input is left empty.
     */
    public InteractionResponse submitView(EmulatedUser user, OpenView view, Map<String, String> valuesByActionId) {
        return interactions.submit(user, view, valuesByActionId);
    }

    /**
     * {@code user} types {@code /command text} in a conversation (a channel id or name, or a DM id): the Request URL
     * receives the signed form Slack sends. The answer shows up as Slack shows it: ephemeral to the user
     * ({@link #ephemerals}) unless it says {@code "response_type":"in_channel"}.
     */
    public InteractionResponse slashCommand(EmulatedUser user, String conversation, String command, String text) {
        return interactions.slashCommand(user, conversation, command, text);
    }

    /** {@code user} clicks the first button {@code actionId} on their Home tab (signed {@code block_actions}). */
    public InteractionResponse clickHome(EmulatedUser user, String actionId) {
        return interactions.clickHome(user, actionId);
    }

    /** {@code user} opens the app's Home tab: the Request URL receives a signed {@code app_home_opened} event. */
    public InteractionResponse openHome(EmulatedUser user) {
        return interactions.openHome(user);
    }

    /** The signed {@code url_verification} Slack sends when the events Request URL is entered; answer the challenge. */
    public InteractionResponse verifyRequestUrl(String challenge) {
        return interactions.urlVerification(challenge);
    }

    /**
     * The body and headers of the latest click or submission this emulator sent, as sent: for replaying it (Slack's
     * retries) or tampering with it.
     */
    public Delivery lastDelivery() {
        return interactions.lastDelivery();
    }

    /** A request as sent to the Request URL: exactly these bytes with exactly these headers. */
    public record Delivery(String body, java.util.Map<String, String> headers) {}

    // ---- Socket Mode

    /** How clicks and submissions reach the app: signed to its Request URL, or as envelopes over Socket Mode. */
    public enum Transport {
        REQUEST_URL,
        SOCKET_MODE
    }

    /**
     * Sends later clicks and submissions this way. {@link Transport#SOCKET_MODE} needs an app connected with
     * {@link #appToken()}; their {@link InteractionResponse} is then the acknowledgement (200 and its payload as
     * the body, or status 0 when none came within ten seconds).
     */
    public SlackEmulator deliverVia(Transport transport) {
        interactions.deliverOverSocket(transport == Transport.SOCKET_MODE ? socketMode : null);
        return this;
    }

    /** The app-level token (xapp-…) that {@code apps.connections.open} accepts. */
    public String appToken() {
        return socketMode.appToken();
    }

    /** How many Socket Mode connections are open now. */
    public int socketConnections() {
        return socketMode.connectionCount();
    }

    /** Drops every Socket Mode connection abruptly, as a network failure would. */
    public void dropSocketConnections() {
        socketMode.dropConnections();
    }

    /** Sends Slack's {@code disconnect} message down every connection: the app should open a new one. */
    public void askSocketClientsToReconnect() {
        socketMode.askToReconnect();
    }

    /** Every envelope sent over Socket Mode, oldest first, with whether and how fast it was acknowledged. */
    public List<SocketDelivery> socketDeliveries() {
        return socketMode.deliveries();
    }

    /**
     * Sends any payload as an envelope of this type ({@code interactive}, {@code slash_commands},
     * {@code events_api}) and waits for its acknowledgement.
     */
    public InteractionResponse sendEnvelope(String type, String payloadJson, boolean acceptsResponsePayload) {
        return socketMode.deliver(
                type,
                SlackJson.parseObject(payloadJson)
                        .orElseThrow(() -> new IllegalArgumentException("the payload must be a JSON object")),
                acceptsResponsePayload);
    }

    /** Sends any body with exactly these headers to the Request URL: for forged, tampered or replayed requests. */
    public InteractionResponse send(String body, Map<String, String> headers) {
        return interactions.send(body, headers);
    }

    /** The {@code X-Slack-Request-Timestamp} and {@code X-Slack-Signature} Slack would send with this body. */
    public Map<String, String> signedHeaders(String body, long timestamp) {
        return interactions.signedHeaders(body, timestamp);
    }
}
