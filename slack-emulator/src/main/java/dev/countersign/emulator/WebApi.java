package dev.countersign.emulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Web API under {@code /api/{method}}: form or JSON bodies in, Slack's JSON out. Slack reports nearly every
 * problem as HTTP 200 with {@code "ok":false}; only rate limits (429) and trouble at Slack's edge (5xx) are HTTP
 * errors, and the emulator keeps that distinction because the SDK surfaces the two differently.
 */
final class WebApi implements HttpHandler {

    static final String PATH = "/api/";
    static final int MAX_TEXT = 40_000;

    /** @param lostAfter when the answer is never sent ({@link Failure.AnswerLost}): how long the caller waits */
    private record Answer(int status, String body, Map<String, String> headers, Duration lostAfter) {

        Answer(int status, String body, Map<String, String> headers) {
            this(status, body, headers, null);
        }
    }

    private final EmulatorSettings settings;
    private final Workspace workspace;
    private final Faults faults;
    private final BlockKitRules blockKit;
    private final SocketModeServer socketMode;
    private final Map<String, Function<Map<String, String>, JsonObject>> methods = new LinkedHashMap<>();

    WebApi(
            EmulatorSettings settings,
            Workspace workspace,
            Faults faults,
            BlockKitRules blockKit,
            SocketModeServer socketMode) {
        this.settings = settings;
        this.workspace = workspace;
        this.faults = faults;
        this.blockKit = blockKit;
        this.socketMode = socketMode;
        methods.put("auth.test", params -> authTest());
        methods.put("users.lookupByEmail", this::usersLookupByEmail);
        methods.put("users.info", this::usersInfo);
        methods.put("conversations.open", this::conversationsOpen);
        methods.put("conversations.history", this::conversationsHistory);
        methods.put("chat.postMessage", this::chatPostMessage);
        methods.put("chat.update", this::chatUpdate);
        methods.put("chat.delete", this::chatDelete);
        methods.put("chat.postEphemeral", this::chatPostEphemeral);
        methods.put("views.open", this::viewsOpen);
        methods.put("views.push", this::viewsPush);
        methods.put("views.update", this::viewsUpdate);
        methods.put("views.publish", this::viewsPublish);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Instant received = Instant.now();
        String method = exchange.getRequestURI().getPath().substring(PATH.length());
        Map<String, String> params =
                new LinkedHashMap<>(HttpIo.form(exchange.getRequestURI().getRawQuery()));
        String body = HttpIo.body(exchange);
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (contentType.startsWith("application/json")) {
            SlackJson.parseObject(body).ifPresent(json -> params.putAll(HttpIo.flatten(json)));
        } else {
            params.putAll(HttpIo.form(body));
        }
        String token = token(exchange.getRequestHeaders().getFirst("Authorization"), params.get("token"));
        Answer answer;
        try {
            answer = answer(method, params, token);
        } catch (RuntimeException e) {
            answer = new Answer(
                    500, error("fatal_error", List.of(String.valueOf(e))).toString(), Map.of());
        }
        workspace.record(new RecordedCall(
                method, Collections.unmodifiableMap(params), token, answer.status(), answer.body(), received));
        if (answer.lostAfter() != null) {
            // Done, but the caller never hears: no status line, no body, the connection simply ends.
            sleep(answer.lostAfter());
            exchange.close();
            return;
        }
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.getResponseHeaders().set("x-oauth-scopes", String.join(",", settings.grantedScopes()));
        HttpIo.sendJson(exchange, answer.status(), answer.body());
    }

    private static String token(String authorization, String param) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return param == null || param.isEmpty() ? null : param;
    }

    private Answer answer(String method, Map<String, String> params, String token) {
        Duration delay = faults.delayFor(method);
        if (!delay.isZero()) {
            sleep(delay);
        }
        Optional<Failure> failure = faults.failureFor(method);
        if (failure.isPresent() && failure.get() instanceof Failure.AnswerLost lost) {
            Answer carriedOut = carryOut(method, params, token);
            return new Answer(carriedOut.status(), carriedOut.body(), carriedOut.headers(), lost.after());
        }
        if (failure.isPresent()) {
            return failed(failure.get());
        }
        return carryOut(method, params, token);
    }

    private Answer carryOut(String method, Map<String, String> params, String token) {
        // The one method that takes the app-level token, and the one token no other method takes.
        if (method.equals(SocketModeServer.OPEN_METHOD)) {
            return ok(socketMode.open(token));
        }
        if (socketMode.appToken().equals(token)) {
            return ok(error("not_allowed_token_type", List.of()));
        }
        Function<Map<String, String>, JsonObject> handler = methods.get(method);
        if (handler == null) {
            JsonObject unknown = error("unknown_method", List.of());
            unknown.addProperty("req_method", method);
            return ok(unknown);
        }
        if (token == null) {
            return ok(error("not_authed", List.of()));
        }
        if (!token.equals(settings.botToken())) {
            return ok(error("invalid_auth", List.of()));
        }
        try {
            JsonObject result = new JsonObject();
            result.addProperty("ok", true);
            handler.apply(params).entrySet().forEach(entry -> result.add(entry.getKey(), entry.getValue()));
            return ok(result);
        } catch (MethodError e) {
            return ok(error(e.code(), e.details()));
        }
    }

    private static Answer ok(JsonObject body) {
        return new Answer(200, body.toString(), Map.of());
    }

    private static Answer failed(Failure failure) {
        return switch (failure) {
            case Failure.SlackError slack -> ok(error(slack.error(), List.of()));
            case Failure.RateLimited limited ->
                new Answer(
                        429,
                        error("ratelimited", List.of()).toString(),
                        Map.of("Retry-After", String.valueOf(limited.retryAfterSeconds())));
            case Failure.AnswerLost lost -> throw new IllegalStateException("a lost answer is carried out first");
            case Failure.HttpStatus http ->
                new Answer(
                        http.status(),
                        error(http.status() == 503 ? "service_unavailable" : "fatal_error", List.of())
                                .toString(),
                        Map.of());
        };
    }

    private static JsonObject error(String code, List<String> details) {
        JsonObject error = new JsonObject();
        error.addProperty("ok", false);
        error.addProperty("error", code);
        if (!details.isEmpty()) {
            JsonArray messages = new JsonArray();
            details.forEach(messages::add);
            JsonObject metadata = new JsonObject();
            metadata.add("messages", messages);
            error.add("response_metadata", metadata);
        }
        return error;
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- methods

    private JsonObject authTest() {
        JsonObject answer = new JsonObject();
        answer.addProperty("url", "https://" + settings.teamDomain() + ".slack.com/");
        answer.addProperty("team", settings.teamName());
        answer.addProperty("user", "countersign");
        answer.addProperty("team_id", settings.teamId());
        answer.addProperty("user_id", settings.botUserId());
        answer.addProperty("bot_id", settings.botId());
        answer.addProperty("is_enterprise_install", false);
        return answer;
    }

    private JsonObject usersLookupByEmail(Map<String, String> params) {
        String email = required(params, "email");
        EmulatedUser user = workspace.userByEmail(email).orElseThrow(() -> new MethodError("users_not_found"));
        return withUser(user);
    }

    private JsonObject usersInfo(Map<String, String> params) {
        String id = required(params, "user");
        EmulatedUser user = workspace.user(id).orElseThrow(() -> new MethodError("user_not_found"));
        return withUser(user);
    }

    private JsonObject withUser(EmulatedUser user) {
        String teamId = user.teamId() == null ? settings.teamId() : user.teamId();
        JsonObject profile = new JsonObject();
        profile.addProperty("real_name", user.realName());
        profile.addProperty("real_name_normalized", user.realName());
        profile.addProperty("display_name", user.name());
        profile.addProperty("display_name_normalized", user.name());
        if (user.email() != null) {
            profile.addProperty("email", user.email());
        }
        if (user.bot()) {
            profile.addProperty("bot_id", "B" + user.id().substring(1));
            profile.addProperty("always_active", false);
        }
        profile.addProperty("team", teamId);
        JsonObject json = new JsonObject();
        json.addProperty("id", user.id());
        json.addProperty("team_id", teamId);
        json.addProperty("name", user.name());
        json.addProperty("deleted", user.deleted());
        json.addProperty("real_name", user.realName());
        json.addProperty("tz", "Etc/UTC");
        json.addProperty("tz_label", "Coordinated Universal Time");
        json.addProperty("tz_offset", 0);
        json.add("profile", profile);
        json.addProperty("is_admin", false);
        json.addProperty("is_owner", false);
        json.addProperty("is_primary_owner", false);
        json.addProperty("is_restricted", user.restricted());
        json.addProperty("is_ultra_restricted", user.ultraRestricted());
        json.addProperty("is_bot", user.bot());
        json.addProperty("is_app_user", false);
        if (user.stranger()) {
            // Slack adds it only for people of another organization met in a Slack Connect channel.
            json.addProperty("is_stranger", true);
        }
        json.addProperty("updated", 1_700_000_000L);
        json.addProperty("is_email_confirmed", user.emailConfirmed());
        JsonObject answer = new JsonObject();
        answer.add("user", json);
        return answer;
    }

    private JsonObject conversationsOpen(Map<String, String> params) {
        String users = params.get("users");
        if (users == null || users.isBlank()) {
            throw new MethodError("users_list_not_supplied");
        }
        String[] ids = users.split(",");
        if (ids.length != 1) {
            throw new MethodError("invalid_arguments", List.of("[ERROR] the emulator opens DMs with exactly one user"));
        }
        boolean existed = workspace.imOf(ids[0].trim()).isPresent();
        Workspace.Conversation im = workspace.openIm(ids[0].trim());
        JsonObject channel = new JsonObject();
        channel.addProperty("id", im.id());
        if (flag(params, "return_im")) {
            channel.addProperty("created", Instant.now().getEpochSecond());
            channel.addProperty("is_im", true);
            channel.addProperty("is_org_shared", false);
            channel.addProperty("user", im.imUser());
            channel.addProperty("last_read", "0000000000.000000");
            channel.addProperty("unread_count", 0);
            channel.addProperty("unread_count_display", 0);
            channel.addProperty("is_open", true);
        }
        JsonObject answer = new JsonObject();
        answer.addProperty("no_op", existed);
        answer.addProperty("already_open", existed);
        answer.add("channel", channel);
        return answer;
    }

    private JsonObject chatPostMessage(Map<String, String> params) {
        Workspace.Conversation conversation = conversation(params);
        Content content = content(params, BlockKitRules.MAX_MESSAGE_BLOCKS);
        JsonObject message = workspace.post(
                conversation,
                content.text(),
                content.blocksOrEmpty(),
                blankToNull(params.get("thread_ts")),
                metadata(params.get("metadata")));
        JsonObject answer = new JsonObject();
        answer.addProperty("channel", conversation.id());
        answer.addProperty("ts", message.get("ts").getAsString());
        answer.add("message", message);
        return answer;
    }

    /**
     * Message metadata as chat.postMessage takes it: a JSON object with a string {@code event_type} and an object
     * {@code event_payload}; anything else is refused, as Slack refuses it.
     */
    private static JsonObject metadata(String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        JsonObject metadata =
                SlackJson.parseObject(given).orElseThrow(() -> new MethodError("invalid_metadata_format"));
        if (SlackJson.string(metadata, "event_type") == null
                || !metadata.has("event_payload")
                || !metadata.get("event_payload").isJsonObject()) {
            throw new MethodError("invalid_metadata_format");
        }
        return metadata;
    }

    /**
     * A conversation's top-level messages, newest first, between {@code oldest} and {@code latest}, a page of
     * {@code limit} (default 100, at most 999) at a time; metadata only with {@code include_all_metadata}.
     */
    private JsonObject conversationsHistory(Map<String, String> params) {
        Workspace.Conversation conversation = conversation(params);
        int limit = Math.min(999, Math.max(1, parseInt(params.get("limit"), 100)));
        String cursor = blankToNull(params.get("cursor"));
        String latest = blankToNull(params.get("latest"));
        boolean fromCursor = false;
        if (cursor != null) {
            String decoded =
                    new String(java.util.Base64.getDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8);
            if (!decoded.startsWith("next_ts:")) {
                throw new MethodError("invalid_cursor");
            }
            latest = decoded.substring("next_ts:".length());
            fromCursor = true;
        }
        List<JsonObject> found = new ArrayList<>(workspace.history(
                conversation.id(), blankToNull(params.get("oldest")), null, flag(params, "include_all_metadata")));
        String until = latest;
        boolean inclusiveLatest = fromCursor;
        found.removeIf(m -> until != null
                && (inclusiveLatest
                        ? Timestamps.compare(m.get("ts").getAsString(), until) > 0
                        : Timestamps.compare(m.get("ts").getAsString(), until) >= 0));
        JsonArray page = new JsonArray();
        found.stream().limit(limit).forEach(page::add);
        boolean more = found.size() > limit;
        JsonObject answer = new JsonObject();
        answer.add("messages", page);
        answer.addProperty("has_more", more);
        answer.addProperty("pin_count", 0);
        JsonObject metadata = new JsonObject();
        metadata.addProperty(
                "next_cursor",
                more
                        ? java.util.Base64.getEncoder()
                                .encodeToString(
                                        ("next_ts:" + found.get(limit).get("ts").getAsString())
                                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        : "");
        answer.add("response_metadata", metadata);
        return answer;
    }

    /** A boolean argument as Slack reads it: the SDK sends {@code 1}/{@code 0}, others {@code true}/{@code false}. */
    private static boolean flag(Map<String, String> params, String name) {
        String value = params.get(name);
        return "true".equals(value) || "1".equals(value);
    }

    private static int parseInt(String value, int otherwise) {
        try {
            return value == null || value.isBlank() ? otherwise : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new MethodError("invalid_limit");
        }
    }

    private JsonObject chatUpdate(Map<String, String> params) {
        Workspace.Conversation conversation = conversation(params);
        String ts = params.get("ts");
        if (ts == null || ts.isBlank()) {
            throw new MethodError("message_not_found");
        }
        Content content = content(params, BlockKitRules.MAX_MESSAGE_BLOCKS);
        JsonObject message = workspace.update(conversation.id(), ts, params.get("text"), content.blocks());
        JsonObject answer = new JsonObject();
        answer.addProperty("channel", conversation.id());
        answer.addProperty("ts", ts);
        answer.addProperty("text", message.get("text").getAsString());
        message.remove("ts");
        answer.add("message", message);
        return answer;
    }

    private JsonObject chatDelete(Map<String, String> params) {
        Workspace.Conversation conversation = conversation(params);
        String ts = params.get("ts");
        workspace.delete(conversation.id(), ts == null ? "" : ts);
        JsonObject answer = new JsonObject();
        answer.addProperty("channel", conversation.id());
        answer.addProperty("ts", ts);
        return answer;
    }

    private JsonObject chatPostEphemeral(Map<String, String> params) {
        Workspace.Conversation conversation = conversation(params);
        String user = params.get("user");
        if (user == null || workspace.user(user).isEmpty()) {
            throw new MethodError("user_not_found");
        }
        Content content = content(params, BlockKitRules.MAX_MESSAGE_BLOCKS);
        String ts = workspace.postEphemeral(
                conversation, user, content.text(), content.blocksOrEmpty(), blankToNull(params.get("thread_ts")));
        JsonObject answer = new JsonObject();
        answer.addProperty("message_ts", ts);
        return answer;
    }

    private JsonObject viewsOpen(Map<String, String> params) {
        JsonObject view = checkedView(params);
        String userId = workspace.consumeTrigger(params.get("trigger_id"));
        JsonObject answer = new JsonObject();
        answer.add("view", workspace.openView(userId, view, null));
        return answer;
    }

    private JsonObject viewsPush(Map<String, String> params) {
        JsonObject view = checkedView(params);
        String userId = workspace.consumeTrigger(params.get("trigger_id"));
        List<OpenView> open = workspace.openViews(userId);
        if (open.isEmpty()) {
            throw new MethodError("not_found", List.of("[ERROR] no modal is open to push onto"));
        }
        JsonObject answer = new JsonObject();
        answer.add("view", workspace.openView(userId, view, open.getLast().id()));
        return answer;
    }

    private JsonObject viewsUpdate(Map<String, String> params) {
        String viewId = blankToNull(params.get("view_id"));
        String externalId = blankToNull(params.get("external_id"));
        if (viewId == null && externalId == null) {
            throw new MethodError("invalid_arguments", List.of("[ERROR] view_id or external_id is required"));
        }
        JsonObject view = checkedView(params);
        JsonObject answer = new JsonObject();
        answer.add("view", workspace.updateView(viewId, externalId, view, blankToNull(params.get("hash"))));
        return answer;
    }

    /** The user's App Home tab: a view of type "home", checked like a modal's blocks, replacing the last one. */
    private JsonObject viewsPublish(Map<String, String> params) {
        String userId = required(params, "user_id");
        if (workspace.user(userId).isEmpty()) {
            throw new MethodError("user_not_found");
        }
        JsonObject view = SlackJson.parseObject(params.get("view"))
                .orElseThrow(
                        () -> new MethodError("invalid_arguments", List.of("[ERROR] missing required field: view")));
        List<String> problems = new ArrayList<>();
        if (!"home".equals(SlackJson.string(view, "type"))) {
            problems.add("[ERROR] must be 'home' [json-pointer:/view/type]");
        }
        JsonArray blocks = new JsonArray();
        try {
            blocks = blockKit.checkedBlocks(SlackJson.array(view, "blocks").toString(), BlockKitRules.MAX_VIEW_BLOCKS);
        } catch (MethodError e) {
            problems.addAll(e.details());
        }
        if (!problems.isEmpty()) {
            throw new MethodError("invalid_arguments", problems);
        }
        view.add("blocks", blocks);
        JsonObject answer = new JsonObject();
        answer.add("view", workspace.publishHome(userId, view, blankToNull(params.get("hash"))));
        return answer;
    }

    // ---- parameters

    private record Content(String text, JsonArray blocks) {

        JsonArray blocksOrEmpty() {
            return blocks == null ? new JsonArray() : blocks;
        }
    }

    private Workspace.Conversation conversation(Map<String, String> params) {
        return workspace.resolve(params.get("channel")).orElseThrow(() -> new MethodError("channel_not_found"));
    }

    /** Text and blocks as Slack checks them: one of the two is required, both within Slack's limits. */
    private Content content(Map<String, String> params, int maxBlocks) {
        String text = params.get("text");
        String blocksParam = blankToNull(params.get("blocks"));
        JsonArray blocks = blocksParam == null ? null : blockKit.checkedBlocks(blocksParam, maxBlocks);
        if ((text == null || text.isEmpty()) && (blocks == null || blocks.isEmpty())) {
            throw new MethodError("no_text");
        }
        if (text != null && text.length() > MAX_TEXT) {
            throw new MethodError("msg_too_long");
        }
        return new Content(text == null ? "" : text, blocks);
    }

    /** A modal as views.open / push / update accept it; Slack answers invalid_arguments with these details. */
    private JsonObject checkedView(Map<String, String> params) {
        JsonObject view = SlackJson.parseObject(params.get("view"))
                .orElseThrow(
                        () -> new MethodError("invalid_arguments", List.of("[ERROR] missing required field: view")));
        List<String> problems = new ArrayList<>();
        if (!"modal".equals(SlackJson.string(view, "type"))) {
            problems.add("[ERROR] must be 'modal' [json-pointer:/view/type]");
        }
        String title = SlackJson.string(SlackJson.object(view, "title"), "text");
        if (title == null || title.isEmpty()) {
            problems.add("[ERROR] missing required field: title [json-pointer:/view/title]");
        } else if (title.length() > BlockKitRules.MAX_VIEW_TITLE) {
            problems.add("[ERROR] must be less than " + (BlockKitRules.MAX_VIEW_TITLE + 1)
                    + " characters [json-pointer:/view/title/text]");
        }
        String metadata = SlackJson.string(view, "private_metadata");
        if (metadata != null && metadata.length() > BlockKitRules.MAX_PRIVATE_METADATA) {
            problems.add("[ERROR] must be less than " + (BlockKitRules.MAX_PRIVATE_METADATA + 1)
                    + " characters [json-pointer:/view/private_metadata]");
        }
        JsonArray blocks = new JsonArray();
        try {
            blocks = blockKit.checkedBlocks(SlackJson.array(view, "blocks").toString(), BlockKitRules.MAX_VIEW_BLOCKS);
        } catch (MethodError e) {
            problems.addAll(e.details());
        }
        boolean hasInputs = blocks.asList().stream()
                .anyMatch(block -> "input".equals(SlackJson.string(block.getAsJsonObject(), "type")));
        if (hasInputs && SlackJson.object(view, "submit") == null) {
            problems.add("[ERROR] must provide a submit property when using input blocks [json-pointer:/view]");
        }
        if (!problems.isEmpty()) {
            throw new MethodError("invalid_arguments", problems);
        }
        view.add("blocks", blocks);
        return view;
    }

    private static String required(Map<String, String> params, String name) {
        String value = blankToNull(params.get(name));
        if (value == null) {
            throw new MethodError("invalid_arguments", List.of("[ERROR] missing required field: " + name));
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
