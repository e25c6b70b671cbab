package dev.countersign.emulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The sandbox page under {@code /sandbox/}: a browser stands in for the Slack client. The page ({@code index.html},
 * {@code sandbox.js}, {@code sandbox.css} from the classpath, no build step) shows what one person sees and acts
 * as them; this handler serves it and its small JSON API:
 * <ul>
 *   <li>{@code GET api/users}: the directory;</li>
 *   <li>{@code GET api/state?user=U…&since=N}: the person's DM and the channels, with thread replies, their
 *       ephemerals and open modals; just {@code {"revision":N,"unchanged":true}} when nothing changed since
 *       revision N, so polling every second costs nothing;</li>
 *   <li>{@code POST api/click}, {@code api/submit}, {@code api/close}: the person clicks a button, submits or
 *       closes a modal. Clicks and submissions go through {@link Interactions}, the same signed delivery the
 *       tests use, and answer what the Request URL answered.</li>
 * </ul>
 */
final class Sandbox implements HttpHandler {

    static final String PATH = "/sandbox/";
    private static final String RESOURCES = "/dev/countersign/emulator/sandbox/";
    private static final Map<String, String> FILES = Map.of(
            "", "index.html", "index.html", "index.html", "sandbox.js", "sandbox.js", "sandbox.css", "sandbox.css");
    /** Defence in depth: even if some text slipped through unescaped, no script but ours would run. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
            + "style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    private final Workspace workspace;
    private final Interactions interactions;
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    Sandbox(Workspace workspace, Interactions interactions) {
        this.workspace = workspace;
        this.interactions = interactions;
        for (String file : List.of("index.html", "sandbox.js", "sandbox.css")) {
            files.put(file, resource(file));
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange);
        } catch (BadInput e) {
            HttpIo.sendJson(exchange, e.status, error(e.getMessage()));
        } catch (RuntimeException e) {
            HttpIo.sendJson(exchange, 500, error(String.valueOf(e)));
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(PATH.length());
        String method = exchange.getRequestMethod();
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if (FILES.containsKey(path)) {
            requireMethod(method, "GET");
            String file = FILES.get(path);
            exchange.getResponseHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            HttpIo.send(exchange, 200, contentType(file), files.get(file));
            return;
        }
        Map<String, String> query = HttpIo.form(exchange.getRequestURI().getRawQuery());
        JsonElement answer = switch (path) {
            case "api/users" -> {
                requireMethod(method, "GET");
                yield users();
            }
            case "api/state" -> {
                requireMethod(method, "GET");
                yield state(user(query.get("user")), query.get("since"));
            }
            case "api/click" -> {
                requireMethod(method, "POST");
                yield click(body(exchange));
            }
            case "api/submit" -> {
                requireMethod(method, "POST");
                yield submit(body(exchange));
            }
            case "api/close" -> {
                requireMethod(method, "POST");
                yield close(body(exchange));
            }
            default -> throw new BadInput(404, "no such page: " + PATH + path);
        };
        HttpIo.sendJson(exchange, 200, answer.toString());
    }

    private JsonArray users() {
        JsonArray users = new JsonArray();
        for (EmulatedUser user : workspace.users()) {
            JsonObject json = new JsonObject();
            json.addProperty("id", user.id());
            json.addProperty("name", user.name());
            json.addProperty("real_name", user.realName());
            json.addProperty("email", user.email());
            json.addProperty("title", workspace.titleOf(user.id()).orElse(null));
            users.add(json);
        }
        return users;
    }

    private JsonObject state(EmulatedUser user, String since) {
        // Read the revision first: a change racing with the reads below shows up again on the next poll.
        long revision = workspace.revision();
        JsonObject state = new JsonObject();
        state.addProperty("revision", revision);
        if (since != null && since.equals(Long.toString(revision))) {
            state.addProperty("unchanged", true);
            return state;
        }
        List<EmulatedMessage> ephemerals = workspace.ephemerals(user.id());
        JsonArray conversations = new JsonArray();
        for (Workspace.Conversation conversation : workspace.conversations()) {
            if (conversation.im() && !conversation.imUser().equals(user.id())) {
                continue;
            }
            JsonObject json = new JsonObject();
            json.addProperty("id", conversation.id());
            json.addProperty("name", conversation.name());
            json.addProperty("is_im", conversation.im());
            JsonArray messages = new JsonArray();
            List<EmulatedMessage> shown = new ArrayList<>(workspace.messages(conversation.id()));
            ephemerals.stream()
                    .filter(m -> m.channel().equals(conversation.id()))
                    .forEach(shown::add);
            shown.sort(Comparator.comparing(EmulatedMessage::ts));
            for (EmulatedMessage message : shown) {
                JsonObject messageJson = ControlSurface.json(message);
                JsonArray replies = new JsonArray();
                if (!message.ephemeral()) {
                    workspace.thread(conversation.id(), message.ts()).stream()
                            .filter(reply -> !reply.ts().equals(message.ts()))
                            .forEach(reply -> replies.add(ControlSurface.json(reply)));
                }
                messageJson.add("replies", replies);
                messages.add(messageJson);
            }
            json.add("messages", messages);
            conversations.add(json);
        }
        state.add("conversations", conversations);
        JsonArray views = new JsonArray();
        workspace.openViews(user.id()).forEach(view -> views.add(view.json()));
        state.add("views", views);
        return state;
    }

    private JsonObject click(JsonObject body) {
        EmulatedUser user = user(SlackJson.string(body, "user"));
        String channel = required(body, "channel");
        String ts = required(body, "ts");
        String actionId = required(body, "action_id");
        boolean ephemeral = body.has("ephemeral") && body.get("ephemeral").getAsBoolean();
        Optional<EmulatedMessage> message = ephemeral
                ? workspace.ephemerals(user.id()).stream()
                        .filter(m -> m.channel().equals(channel) && m.ts().equals(ts))
                        .findFirst()
                : workspace.message(channel, ts);
        EmulatedMessage seen =
                message.orElseThrow(() -> new BadInput(404, "message " + ts + " in " + channel + " is gone"));
        return acting(() -> interactions.click(user, seen, actionId));
    }

    private JsonObject submit(JsonObject body) {
        EmulatedUser user = user(SlackJson.string(body, "user"));
        OpenView view = openView(user, required(body, "view_id"));
        Map<String, String> values = new LinkedHashMap<>();
        JsonObject given = SlackJson.object(body, "values");
        if (given != null) {
            given.entrySet()
                    .forEach(entry -> values.put(
                            entry.getKey(),
                            entry.getValue().isJsonPrimitive()
                                    ? entry.getValue().getAsString()
                                    : ""));
        }
        return acting(() -> interactions.submit(user, view, values));
    }

    private JsonObject close(JsonObject body) {
        EmulatedUser user = user(SlackJson.string(body, "user"));
        String viewId = required(body, "view_id");
        if (!workspace.closeView(viewId, user.id())) {
            throw new BadInput(404, "view " + viewId + " is not open for " + user.id());
        }
        JsonObject answer = new JsonObject();
        answer.addProperty("closed", viewId);
        return answer;
    }

    private OpenView openView(EmulatedUser user, String viewId) {
        return workspace.openViews(user.id()).stream()
                .filter(v -> v.id().equals(viewId))
                .findFirst()
                .orElseThrow(() -> new BadInput(404, "view " + viewId + " is not open for " + user.id()));
    }

    /** What the Request URL answered, for the page to show; a refusal by the emulator itself is a 409. */
    private static JsonObject acting(Supplier<InteractionResponse> action) {
        InteractionResponse response;
        try {
            response = action.get();
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new BadInput(409, e.getMessage());
        } catch (UncheckedIOException e) {
            throw new BadInput(502, e.getMessage());
        }
        JsonObject answer = new JsonObject();
        answer.addProperty("status", response.status());
        answer.addProperty("body", response.body());
        answer.addProperty("latency_ms", response.latency().toMillis());
        answer.addProperty("acknowledged", response.acknowledgedInTime());
        return answer;
    }

    private EmulatedUser user(String id) {
        if (id == null || id.isBlank()) {
            throw new BadInput(400, "user is required");
        }
        return workspace.user(id).orElseThrow(() -> new BadInput(404, "no user " + id));
    }

    private static String required(JsonObject body, String member) {
        String value = SlackJson.string(body, member);
        if (value == null || value.isBlank()) {
            throw new BadInput(400, member + " is required");
        }
        return value;
    }

    private static JsonObject body(HttpExchange exchange) throws IOException {
        return SlackJson.parseObject(HttpIo.body(exchange))
                .orElseThrow(() -> new BadInput(400, "the body must be a JSON object"));
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw new BadInput(405, "use " + expected);
        }
    }

    private static String error(String message) {
        JsonObject json = new JsonObject();
        json.addProperty("error", message);
        return json.toString();
    }

    private static String contentType(String file) {
        if (file.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (file.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        return "text/html; charset=utf-8";
    }

    private static byte[] resource(String file) {
        try (InputStream in = Sandbox.class.getResourceAsStream(RESOURCES + file)) {
            if (in == null) {
                throw new IllegalStateException("the sandbox page's " + file + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class BadInput extends RuntimeException {

        private final int status;

        BadInput(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
