package dev.countersign.emulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The emulator's own HTTP surface under {@code /_emulator/}: the response URLs it hands out in payloads, and
 * read-only JSON views of the workspace (users, channels, messages, ephemerals, modals, calls) for pages and
 * scripts that cannot use the Java API.
 */
final class ControlSurface implements HttpHandler {

    static final String PATH = "/_emulator/";
    static final String RESPOND = PATH + "respond/";

    private final Workspace workspace;
    private final BlockKitRules blockKit;

    ControlSurface(Workspace workspace, BlockKitRules blockKit) {
        this.workspace = workspace;
        this.blockKit = blockKit;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange);
        } catch (RuntimeException e) {
            HttpIo.send(exchange, 500, "text/plain", String.valueOf(e));
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = HttpIo.form(exchange.getRequestURI().getRawQuery());
        String method = exchange.getRequestMethod();
        if (path.startsWith(RESPOND) && method.equals("POST")) {
            respond(exchange, path.substring(RESPOND.length()));
            return;
        }
        if (!method.equals("GET")) {
            HttpIo.send(exchange, 405, "text/plain", "method not allowed");
            return;
        }
        JsonElement answer = switch (path.substring(PATH.length())) {
            case "users" -> users();
            case "channels" -> channels();
            case "messages" -> messages(workspace.messages(query.getOrDefault("channel", "")));
            case "thread" ->
                messages(workspace.thread(query.getOrDefault("channel", ""), query.getOrDefault("ts", "")));
            case "ephemerals" -> messages(workspace.ephemerals(query.getOrDefault("user", "")));
            case "views" -> views(query.getOrDefault("user", ""));
            case "calls" -> calls(query.get("method"));
            default -> null;
        };
        if (answer == null) {
            HttpIo.send(exchange, 404, "text/plain", "not found");
        } else {
            HttpIo.sendJson(exchange, 200, answer.toString());
        }
    }

    /** Slack answers a response_url with 200 "ok"; an unknown or used-up one with 404. */
    private void respond(HttpExchange exchange, String responseUrlId) throws IOException {
        JsonObject body = SlackJson.parseObject(HttpIo.body(exchange)).orElse(null);
        if (body == null) {
            HttpIo.send(exchange, 400, "text/plain", "invalid_payload");
            return;
        }
        JsonArray blocks;
        try {
            blocks = body.has("blocks")
                    ? blockKit.checkedBlocks(body.get("blocks").toString(), BlockKitRules.MAX_MESSAGE_BLOCKS)
                    : new JsonArray();
        } catch (MethodError e) {
            HttpIo.send(exchange, 400, "text/plain", "invalid_blocks");
            return;
        }
        if (workspace.respond(responseUrlId, body, blocks)) {
            HttpIo.send(exchange, 200, "text/plain", "ok");
        } else {
            HttpIo.send(exchange, 404, "text/plain", "no_active_hooks");
        }
    }

    private JsonArray users() {
        JsonArray users = new JsonArray();
        for (EmulatedUser user : workspace.users()) {
            JsonObject json = new JsonObject();
            json.addProperty("id", user.id());
            json.addProperty("name", user.name());
            json.addProperty("email", user.email());
            json.addProperty("real_name", user.realName());
            if (user.teamId() != null) {
                json.addProperty("team_id", user.teamId());
            }
            json.addProperty("is_bot", user.bot());
            json.addProperty("deleted", user.deleted());
            json.addProperty("is_restricted", user.restricted());
            json.addProperty("is_ultra_restricted", user.ultraRestricted());
            json.addProperty("is_stranger", user.stranger());
            json.addProperty("is_email_confirmed", user.emailConfirmed());
            users.add(json);
        }
        return users;
    }

    private JsonArray channels() {
        JsonArray channels = new JsonArray();
        for (Workspace.Conversation conversation : workspace.conversations()) {
            JsonObject json = new JsonObject();
            json.addProperty("id", conversation.id());
            json.addProperty("name", conversation.name());
            json.addProperty("is_im", conversation.im());
            json.addProperty("user", conversation.imUser());
            channels.add(json);
        }
        return channels;
    }

    private static JsonArray messages(List<EmulatedMessage> messages) {
        JsonArray array = new JsonArray();
        for (EmulatedMessage message : messages) {
            array.add(json(message));
        }
        return array;
    }

    /** One message as the JSON views show it (the sandbox page too). */
    static JsonObject json(EmulatedMessage message) {
        JsonObject json = new JsonObject();
        json.addProperty("channel", message.channel());
        json.addProperty("ts", message.ts());
        json.addProperty("thread_ts", message.threadTs());
        json.addProperty("text", message.text());
        json.add("blocks", SlackJson.parse(message.blocksJson()));
        json.addProperty("ephemeral_to", message.ephemeralTo());
        json.addProperty("update_count", message.updateCount());
        json.addProperty("posted_at", message.postedAt().toString());
        return json;
    }

    private JsonArray views(String userId) {
        JsonArray array = new JsonArray();
        workspace.openViews(userId).forEach(view -> array.add(view.json()));
        return array;
    }

    /** Calls without their tokens: this surface is for looking, and a token is not something to show. */
    private JsonArray calls(String method) {
        JsonArray array = new JsonArray();
        for (RecordedCall call : workspace.calls()) {
            if (method != null && !method.equals(call.method())) {
                continue;
            }
            JsonObject params = new JsonObject();
            call.params().forEach((name, value) -> {
                if (!name.equals("token")) {
                    params.addProperty(name, value);
                }
            });
            JsonObject json = new JsonObject();
            json.addProperty("method", call.method());
            json.add("params", params);
            json.addProperty("status", call.status());
            JsonElement response = SlackJson.parse(call.responseBody());
            json.add("response", response);
            json.addProperty("time", call.time().toString());
            array.add(json);
        }
        return array;
    }
}
