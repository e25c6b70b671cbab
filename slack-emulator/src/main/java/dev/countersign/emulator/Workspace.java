package dev.countersign.emulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the emulated Slack knows: the directory (users, channels, DMs), the messages people see, open modals,
 * issued trigger ids and response URLs, and the calls received. One lock guards it all: the emulator is a test
 * fixture, and a single lock keeps every answer consistent with every inspection.
 */
final class Workspace {

    /** How long and how often Slack lets a response_url be used. */
    static final Duration RESPONSE_URL_LIFETIME = Duration.ofMinutes(30);

    static final int RESPONSE_URL_USES = 5;

    private static final SecureRandom RANDOM = new SecureRandom();

    record Conversation(String id, String name, String imUser) {

        boolean im() {
            return imUser != null;
        }

        /** What Slack puts in a payload's {@code channel.name}: the name, or "directmessage" for a DM. */
        String payloadName() {
            return im() ? "directmessage" : name;
        }
    }

    record Click(
            Conversation conversation,
            JsonObject message,
            boolean ephemeral,
            String messageTs,
            String threadTs,
            SlackJson.FoundElement button,
            String triggerId,
            String responseUrlId) {}

    record Submission(JsonObject view, String triggerId) {}

    private record Trigger(String userId, Instant issuedAt) {}

    private record ResponseTarget(
            String channelId, String messageTs, String userId, boolean ephemeral, Instant expiresAt) {}

    private static final class StoredMessage {
        final String channel;
        final String ts;
        final String threadTs;
        final String ephemeralTo;
        final Instant postedAt;
        final List<EmulatedMessage.Revision> history = new ArrayList<>();
        String text;
        JsonArray blocks;
        String editedTs;
        /** chat.postMessage's {@code metadata} ({@code event_type}, {@code event_payload}), or {@code null} */
        JsonObject metadata;

        StoredMessage(String channel, String ts, String threadTs, String ephemeralTo, String text, JsonArray blocks) {
            this.channel = channel;
            this.ts = ts;
            this.threadTs = threadTs;
            this.ephemeralTo = ephemeralTo;
            this.postedAt = Instant.now();
            this.text = text;
            this.blocks = blocks;
        }

        void replace(String newText, JsonArray newBlocks, String editTs) {
            history.add(new EmulatedMessage.Revision(text, blocks.toString(), Instant.now()));
            text = newText;
            blocks = newBlocks;
            editedTs = editTs;
        }

        EmulatedMessage snapshot() {
            return new EmulatedMessage(channel, ts, threadTs, text, blocks.toString(), ephemeralTo, history, postedAt);
        }
    }

    private static final class StoredView {
        final String id;
        final String userId;
        final Instant openedAt = Instant.now();
        JsonObject json;

        StoredView(String id, String userId, JsonObject json) {
            this.id = id;
            this.userId = userId;
            this.json = json;
        }

        OpenView snapshot() {
            return new OpenView(
                    id,
                    userId,
                    SlackJson.string(json, "callback_id"),
                    SlackJson.string(json, "private_metadata"),
                    SlackJson.string(json, "hash"),
                    json.toString(),
                    openedAt);
        }
    }

    private final EmulatorSettings settings;
    private final Timestamps timestamps = new Timestamps();
    private final Map<String, EmulatedUser> users = new LinkedHashMap<>();
    private final Map<String, Conversation> conversations = new LinkedHashMap<>();
    private final Map<String, List<StoredMessage>> messages = new HashMap<>();
    private final List<StoredMessage> ephemerals = new ArrayList<>();
    private final Map<String, StoredView> views = new LinkedHashMap<>();
    private final Map<String, HomeTab> homes = new HashMap<>();
    private final Map<String, Trigger> triggers = new HashMap<>();
    private final Set<String> usedTriggers = new HashSet<>();
    private final Map<String, ResponseTarget> responseTargets = new HashMap<>();
    private final Map<String, Integer> responseUses = new HashMap<>();
    private final List<RecordedCall> calls = new ArrayList<>();
    private int userCount;
    private int channelCount;
    private int viewCount;
    private long triggerCount;
    /** Bumped by every change a person could see, so that a page can ask "anything new?" for nothing. */
    private long revision;

    private final Map<String, String> titles = new HashMap<>();

    Workspace(EmulatorSettings settings) {
        this.settings = settings;
    }

    // ---- directory

    synchronized EmulatedUser addUser(String name, String email) {
        if (userByEmail(email).isPresent()) {
            throw new IllegalArgumentException("a user with email " + email + " already exists");
        }
        EmulatedUser user = new EmulatedUser(String.format("U%08d", ++userCount), name, email, realName(name));
        users.put(user.id(), user);
        revision++;
        return user;
    }

    /** Replaces what Slack knows of a user (same id): another email, deactivated, a guest now… */
    synchronized EmulatedUser changeUser(String userId, java.util.function.UnaryOperator<EmulatedUser> change) {
        EmulatedUser known = users.get(userId);
        if (known == null) {
            throw new IllegalArgumentException("unknown user " + userId);
        }
        EmulatedUser changed = change.apply(known);
        if (!changed.id().equals(userId)) {
            throw new IllegalArgumentException("a user's id never changes: " + userId + " became " + changed.id());
        }
        if (changed.email() != null
                && users.values().stream()
                        .anyMatch(other -> !other.id().equals(userId) && sameEmail(other.email(), changed.email()))) {
            throw new IllegalArgumentException("a user with email " + changed.email() + " already exists");
        }
        users.put(userId, changed);
        revision++;
        return changed;
    }

    private static String realName(String name) {
        StringBuilder real = new StringBuilder();
        for (String part : name.split("[._\\-\\s]+")) {
            if (!part.isEmpty()) {
                real.append(real.isEmpty() ? "" : " ")
                        .append(Character.toUpperCase(part.charAt(0)))
                        .append(part.substring(1));
            }
        }
        return real.toString();
    }

    synchronized Optional<EmulatedUser> user(String id) {
        return Optional.ofNullable(id == null ? null : users.get(id));
    }

    synchronized Optional<EmulatedUser> userByEmail(String email) {
        return users.values().stream()
                .filter(user -> sameEmail(user.email(), email))
                .findFirst();
    }

    /**
     * Slack matches addresses ignoring the case of ASCII letters only: {@link String#equalsIgnoreCase} would also
     * fold look-alikes (the KELVIN SIGN U+212A equals 'k' there), making two different addresses one.
     */
    static boolean sameEmail(String a, String b) {
        if (a == null || b == null || a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y && !(x < 0x80 && y < 0x80 && Character.toLowerCase(x) == Character.toLowerCase(y))) {
                return false;
            }
        }
        return true;
    }

    synchronized List<EmulatedUser> users() {
        return List.copyOf(users.values());
    }

    /** A line under the person's name, as Slack's profile "title" (e.g. "Approver, level 1"). */
    synchronized void title(String userId, String title) {
        if (!users.containsKey(userId)) {
            throw new IllegalArgumentException("unknown user " + userId);
        }
        titles.put(userId, title);
        revision++;
    }

    synchronized Optional<String> titleOf(String userId) {
        return Optional.ofNullable(titles.get(userId));
    }

    synchronized long revision() {
        return revision;
    }

    synchronized String addChannel(String name) {
        String bare = name.startsWith("#") ? name.substring(1) : name;
        if (!bare.matches("[a-z0-9_\\-]{1,80}")) {
            throw new IllegalArgumentException(
                    "Slack channel names are 1-80 lowercase letters, digits, - or _: " + name);
        }
        return channelNamed(bare).map(Conversation::id).orElseGet(() -> {
            Conversation channel = new Conversation(String.format("C%08d", ++channelCount), bare, null);
            conversations.put(channel.id(), channel);
            revision++;
            return channel.id();
        });
    }

    private Optional<Conversation> channelNamed(String name) {
        return conversations.values().stream()
                .filter(c -> !c.im() && c.name().equals(name))
                .findFirst();
    }

    synchronized List<Conversation> conversations() {
        return List.copyOf(conversations.values());
    }

    /** What chat.postMessage accepts as a channel: an id, a name with or without '#', or a user id (their DM). */
    synchronized Optional<Conversation> resolve(String channel) {
        if (channel == null || channel.isBlank()) {
            return Optional.empty();
        }
        if (channel.startsWith("#")) {
            return channelNamed(channel.substring(1));
        }
        if (conversations.containsKey(channel)) {
            return Optional.of(conversations.get(channel));
        }
        if (users.containsKey(channel)) {
            return Optional.of(openIm(channel));
        }
        return channelNamed(channel);
    }

    /** The DM between the app and a user: one per user, the same id every time. */
    synchronized Conversation openIm(String userId) {
        if (!users.containsKey(userId)) {
            throw new MethodError("user_not_found");
        }
        return conversations.values().stream()
                .filter(c -> userId.equals(c.imUser()))
                .findFirst()
                .orElseGet(() -> {
                    Conversation im = new Conversation("D" + userId.substring(1), userId, userId);
                    conversations.put(im.id(), im);
                    revision++;
                    return im;
                });
    }

    synchronized Optional<Conversation> imOf(String userId) {
        return conversations.values().stream()
                .filter(c -> userId.equals(c.imUser()))
                .findFirst();
    }

    // ---- messages

    synchronized JsonObject post(Conversation conversation, String text, JsonArray blocks, String threadTs) {
        return post(conversation, text, blocks, threadTs, null);
    }

    /** @param metadata the message's event metadata, kept with it and shown to apps that ask; may be {@code null} */
    synchronized JsonObject post(
            Conversation conversation, String text, JsonArray blocks, String threadTs, JsonObject metadata) {
        StoredMessage message = new StoredMessage(conversation.id(), timestamps.next(), threadTs, null, text, blocks);
        message.metadata = metadata;
        messages.computeIfAbsent(conversation.id(), key -> new ArrayList<>()).add(message);
        revision++;
        return json(message, true);
    }

    /**
     * conversations.history: the channel's top-level messages (thread replies are not in it), newest first, with
     * a ts strictly between {@code oldest} and {@code latest} (either may be {@code null}), from {@code skip} on.
     */
    synchronized List<JsonObject> history(String channelId, String oldest, String latest, boolean withMetadata) {
        return messages.getOrDefault(channelId, List.of()).stream()
                .filter(m -> m.threadTs == null)
                .filter(m -> oldest == null || Timestamps.compare(m.ts, oldest) > 0)
                .filter(m -> latest == null || Timestamps.compare(m.ts, latest) < 0)
                .sorted(Comparator.comparing((StoredMessage m) -> m.ts, Timestamps::compare)
                        .reversed())
                .map(m -> json(m, withMetadata))
                .toList();
    }

    synchronized String postEphemeral(
            Conversation conversation, String userId, String text, JsonArray blocks, String threadTs) {
        StoredMessage message = new StoredMessage(conversation.id(), timestamps.next(), threadTs, userId, text, blocks);
        ephemerals.add(message);
        revision++;
        return message.ts;
    }

    /** chat.update: what is not given stays as it was (Slack keeps the blocks when only text is sent). */
    synchronized JsonObject update(String channelId, String ts, String text, JsonArray blocks) {
        StoredMessage message = find(channelId, ts).orElseThrow(() -> new MethodError("message_not_found"));
        message.replace(
                text != null ? text : message.text, blocks != null ? blocks : message.blocks, timestamps.next());
        revision++;
        return json(message);
    }

    synchronized void delete(String channelId, String ts) {
        StoredMessage message = find(channelId, ts).orElseThrow(() -> new MethodError("message_not_found"));
        messages.get(channelId).remove(message);
        revision++;
    }

    private Optional<StoredMessage> find(String channelId, String ts) {
        return messages.getOrDefault(channelId, List.of()).stream()
                .filter(m -> m.ts.equals(ts))
                .findFirst();
    }

    private Optional<StoredMessage> findEphemeral(String userId, String channelId, String ts) {
        return ephemerals.stream()
                .filter(m -> m.ephemeralTo.equals(userId) && m.channel.equals(channelId) && m.ts.equals(ts))
                .findFirst();
    }

    /** The channel as people see it: top-level messages, oldest first (replies are in {@link #thread}). */
    synchronized List<EmulatedMessage> messages(String channelId) {
        return messages.getOrDefault(channelId, List.of()).stream()
                .filter(m -> m.threadTs == null)
                .map(StoredMessage::snapshot)
                .toList();
    }

    synchronized List<EmulatedMessage> thread(String channelId, String ts) {
        return messages.getOrDefault(channelId, List.of()).stream()
                .filter(m -> m.ts.equals(ts) || ts.equals(m.threadTs))
                .sorted(Comparator.comparing((StoredMessage m) -> m.ts))
                .map(StoredMessage::snapshot)
                .toList();
    }

    synchronized Optional<EmulatedMessage> message(String channelId, String ts) {
        return find(channelId, ts).map(StoredMessage::snapshot);
    }

    synchronized List<EmulatedMessage> ephemerals(String userId) {
        return ephemerals.stream()
                .filter(m -> m.ephemeralTo.equals(userId))
                .map(StoredMessage::snapshot)
                .toList();
    }

    private JsonObject json(StoredMessage message) {
        return json(message, false);
    }

    private JsonObject json(StoredMessage message, boolean withMetadata) {
        JsonObject json = new JsonObject();
        json.addProperty("user", settings.botUserId());
        json.addProperty("type", "message");
        json.addProperty("ts", message.ts);
        json.addProperty("bot_id", settings.botId());
        json.addProperty("app_id", settings.appId());
        json.addProperty("text", message.text);
        json.addProperty("team", settings.teamId());
        if (message.threadTs != null) {
            json.addProperty("thread_ts", message.threadTs);
            json.addProperty("parent_user_id", settings.botUserId());
        }
        if (message.editedTs != null) {
            JsonObject edited = new JsonObject();
            edited.addProperty("user", settings.botUserId());
            edited.addProperty("ts", message.editedTs);
            json.add("edited", edited);
        }
        json.add("blocks", message.blocks.deepCopy());
        if (withMetadata && message.metadata != null) {
            json.add("metadata", message.metadata.deepCopy());
        }
        return json;
    }

    // ---- modals

    synchronized JsonObject openView(String userId, JsonObject view, String previousViewId) {
        String id = String.format("V%08d", ++viewCount);
        JsonObject stored = viewJson(id, view, previousViewId, id);
        views.put(id, new StoredView(id, userId, stored));
        revision++;
        return stored.deepCopy();
    }

    synchronized JsonObject updateView(String viewId, String externalId, JsonObject view, String hash) {
        StoredView stored = views.values().stream()
                .filter(v -> v.id.equals(viewId)
                        || externalId != null && externalId.equals(SlackJson.string(v.json, "external_id")))
                .findFirst()
                .orElseThrow(() -> new MethodError("not_found"));
        if (hash != null && !hash.equals(SlackJson.string(stored.json, "hash"))) {
            throw new MethodError("hash_conflict");
        }
        stored.json = viewJson(
                stored.id,
                view,
                SlackJson.string(stored.json, "previous_view_id"),
                SlackJson.string(stored.json, "root_view_id"));
        revision++;
        return stored.json.deepCopy();
    }

    private JsonObject viewJson(String id, JsonObject view, String previousViewId, String rootViewId) {
        JsonObject stored = new JsonObject();
        stored.addProperty("id", id);
        stored.addProperty("team_id", settings.teamId());
        stored.addProperty("type", SlackJson.string(view, "type"));
        stored.add("blocks", SlackJson.array(view, "blocks"));
        stored.addProperty("private_metadata", orEmpty(SlackJson.string(view, "private_metadata")));
        stored.addProperty("callback_id", orEmpty(SlackJson.string(view, "callback_id")));
        JsonObject state = new JsonObject();
        state.add("values", new JsonObject());
        stored.add("state", state);
        stored.addProperty("hash", Instant.now().getEpochSecond() + "." + randomHex(4));
        for (String member : List.of("title", "close", "submit")) {
            stored.add(member, view.has(member) ? view.get(member).deepCopy() : JsonNull.INSTANCE);
        }
        stored.addProperty(
                "clear_on_close",
                view.has("clear_on_close") && view.get("clear_on_close").getAsBoolean());
        stored.addProperty(
                "notify_on_close",
                view.has("notify_on_close") && view.get("notify_on_close").getAsBoolean());
        stored.add("previous_view_id", previousViewId == null ? JsonNull.INSTANCE : new JsonPrimitive(previousViewId));
        stored.addProperty("root_view_id", rootViewId);
        stored.addProperty("app_id", settings.appId());
        stored.addProperty("external_id", orEmpty(SlackJson.string(view, "external_id")));
        stored.addProperty("app_installed_team_id", settings.teamId());
        stored.addProperty("bot_id", settings.botId());
        return stored;
    }

    // ---- App Home

    /** views.publish: the user's Home tab shows this view from now on; a stale {@code hash} is refused. */
    synchronized JsonObject publishHome(String userId, JsonObject view, String hash) {
        HomeTab current = homes.get(userId);
        JsonObject before = current == null
                ? null
                : SlackJson.parseObject(current.viewJson()).orElseThrow();
        if (hash != null && before != null && !hash.equals(SlackJson.string(before, "hash"))) {
            throw new MethodError("hash_conflict");
        }
        String id = before == null ? String.format("V%08d", ++viewCount) : SlackJson.string(before, "id");
        JsonObject stored = viewJson(id, view, null, id);
        homes.put(
                userId,
                new HomeTab(
                        userId, stored.toString(), current == null ? 1 : current.publishCount() + 1, Instant.now()));
        return stored.deepCopy();
    }

    synchronized Optional<HomeTab> home(String userId) {
        return Optional.ofNullable(homes.get(userId));
    }

    record HomeClick(JsonObject view, SlackJson.FoundElement button, String triggerId) {}

    /** A click on a button of the user's Home tab as it is now. */
    synchronized HomeClick prepareHomeClick(EmulatedUser user, String actionId) {
        requireKnown(user);
        HomeTab home = homes.get(user.id());
        if (home == null) {
            throw new IllegalStateException(user.id() + " has no Home tab: nothing was published for them");
        }
        JsonObject view = SlackJson.parseObject(home.viewJson()).orElseThrow();
        SlackJson.FoundElement button = SlackJson.findElement(SlackJson.array(view, "blocks"), "button", actionId)
                .orElseThrow(() -> new IllegalStateException("the Home tab of " + user.id() + " has no button '"
                        + actionId + "' (buttons now: " + home.buttons() + ")"));
        return new HomeClick(view, button, issueTrigger(user.id()));
    }

    // ---- slash commands

    record Command(Conversation conversation, String triggerId, String responseUrlId) {}

    /** Where a command typed by this user in this conversation happens, with its trigger id and response_url. */
    synchronized Command prepareCommand(EmulatedUser user, String channel) {
        requireKnown(user);
        Conversation conversation = resolve(channel)
                .orElseThrow(() -> new IllegalStateException("no conversation " + channel + " to type a command in"));
        if (conversation.im() && !conversation.imUser().equals(user.id())) {
            throw new IllegalStateException(conversation.id() + " is the DM of " + conversation.imUser() + ", so "
                    + user.id() + " cannot type in it");
        }
        return new Command(
                conversation, issueTrigger(user.id()), issueResponseUrl(conversation.id(), null, user.id(), true));
    }

    synchronized List<OpenView> openViews(String userId) {
        return views.values().stream()
                .filter(v -> v.userId.equals(userId))
                .map(StoredView::snapshot)
                .toList();
    }

    // ---- acting as a user

    synchronized Click prepareClick(EmulatedUser user, EmulatedMessage seen, String actionId) {
        requireKnown(user);
        StoredMessage message = (seen.ephemeral()
                        ? findEphemeral(seen.ephemeralTo(), seen.channel(), seen.ts())
                        : find(seen.channel(), seen.ts()))
                .orElseThrow(() -> new IllegalStateException("message " + seen.ts() + " in " + seen.channel()
                        + " is gone (deleted or replaced): there is nothing to click"));
        if (message.ephemeralTo != null && !message.ephemeralTo.equals(user.id())) {
            throw new IllegalStateException("ephemeral message " + message.ts + " is shown only to "
                    + message.ephemeralTo + ", so " + user.id() + " cannot click it");
        }
        Conversation conversation = conversations.get(message.channel);
        if (conversation.im() && !conversation.imUser().equals(user.id())) {
            throw new IllegalStateException(conversation.id() + " is the DM of " + conversation.imUser() + ", so "
                    + user.id() + " cannot see its messages");
        }
        SlackJson.FoundElement button = SlackJson.findElement(message.blocks, "button", actionId)
                .orElseThrow(() -> new IllegalStateException("message " + message.ts + " in " + message.channel
                        + " has no button '" + actionId + "' (buttons now: "
                        + SlackJson.actionIds(message.blocks, "button") + ")"));
        boolean ephemeral = message.ephemeralTo != null;
        String responseUrlId = issueResponseUrl(message.channel, message.ts, user.id(), ephemeral);
        return new Click(
                conversation,
                json(message),
                ephemeral,
                message.ts,
                message.threadTs,
                button,
                issueTrigger(user.id()),
                responseUrlId);
    }

    synchronized Submission prepareSubmission(EmulatedUser user, OpenView seen, Map<String, String> values) {
        requireKnown(user);
        StoredView view = views.get(seen.id());
        if (view == null) {
            throw new IllegalStateException("view " + seen.id() + " is not open any more: it cannot be submitted");
        }
        if (!view.userId.equals(user.id())) {
            throw new IllegalStateException("view " + seen.id() + " is open for " + view.userId + ", not " + user.id());
        }
        JsonObject submitted = view.json.deepCopy();
        submitted.getAsJsonObject("state").add("values", ViewStates.values(view.json, values));
        return new Submission(submitted, issueTrigger(user.id()));
    }

    /** What Slack does with the modal after the app answered a view_submission. */
    synchronized void afterSubmission(String viewId, String userId, int status, String answer) {
        if (status != 200) {
            return;
        }
        revision++;
        JsonObject response = SlackJson.parseObject(answer).orElseGet(JsonObject::new);
        String action = SlackJson.string(response, "response_action");
        switch (action == null ? "" : action) {
            case "errors" -> {}
            case "update" -> {
                StoredView view = views.get(viewId);
                JsonObject next = SlackJson.object(response, "view");
                if (view != null && next != null) {
                    view.json = viewJson(
                            view.id,
                            next,
                            SlackJson.string(view.json, "previous_view_id"),
                            SlackJson.string(view.json, "root_view_id"));
                }
            }
            case "push" -> {
                JsonObject next = SlackJson.object(response, "view");
                if (next != null) {
                    openView(userId, next, viewId);
                }
            }
            case "clear" -> views.values().removeIf(v -> v.userId.equals(userId));
            default -> views.remove(viewId);
        }
    }

    /** The user pressed the modal's close button: Slack closes it (and the whole stack above it). */
    synchronized boolean closeView(String viewId, String userId) {
        StoredView view = views.get(viewId);
        if (view == null || !view.userId.equals(userId)) {
            return false;
        }
        views.remove(viewId);
        views.values()
                .removeIf(v -> v.userId.equals(userId) && viewId.equals(SlackJson.string(v.json, "root_view_id")));
        revision++;
        return true;
    }

    private void requireKnown(EmulatedUser user) {
        if (!users.containsKey(user.id())) {
            throw new IllegalArgumentException("unknown user " + user.id() + ": add them with addUser first");
        }
    }

    // ---- trigger ids and response URLs

    synchronized String issueTrigger(String userId) {
        if (triggers.size() >= 10_000) {
            // Long benchmarks click a lot; an expired trigger can only ever answer expired_trigger_id, which an
            // unknown one answers as invalid_trigger_id: close enough to keep memory flat.
            Instant cutoff = Instant.now().minus(settings.triggerLifetime()).minusSeconds(60);
            triggers.values().removeIf(trigger -> trigger.issuedAt().isBefore(cutoff));
            usedTriggers.retainAll(triggers.keySet());
        }
        String id = Instant.now().getEpochSecond() + "." + (++triggerCount) + "." + randomHex(16);
        triggers.put(id, new Trigger(userId, Instant.now()));
        return id;
    }

    /** A trigger id opens one modal, within its lifetime; answers the user it was issued for. */
    synchronized String consumeTrigger(String triggerId) {
        Trigger trigger = triggerId == null ? null : triggers.get(triggerId);
        if (trigger == null) {
            throw new MethodError("invalid_trigger_id");
        }
        if (usedTriggers.contains(triggerId)
                || Duration.between(trigger.issuedAt(), Instant.now()).compareTo(settings.triggerLifetime()) > 0) {
            throw new MethodError("expired_trigger_id");
        }
        usedTriggers.add(triggerId);
        return trigger.userId();
    }

    private String issueResponseUrl(String channelId, String messageTs, String userId, boolean ephemeral) {
        String id = randomHex(12);
        responseTargets.put(
                id,
                new ResponseTarget(
                        channelId, messageTs, userId, ephemeral, Instant.now().plus(RESPONSE_URL_LIFETIME)));
        return id;
    }

    /**
     * A POST to a response_url: replace or delete the message the click came from, or answer in the channel
     * (in_channel) or to the clicking user only (the default). False when the URL is unknown or used up.
     */
    synchronized boolean respond(String responseUrlId, JsonObject body, JsonArray blocks) {
        ResponseTarget target = responseTargets.get(responseUrlId);
        int used = responseUses.getOrDefault(responseUrlId, 0);
        if (target == null || used >= RESPONSE_URL_USES || Instant.now().isAfter(target.expiresAt())) {
            return false;
        }
        responseUses.put(responseUrlId, used + 1);
        revision++;
        String text = SlackJson.string(body, "text");
        Optional<StoredMessage> original = target.ephemeral()
                ? findEphemeral(target.userId(), target.channelId(), target.messageTs())
                : find(target.channelId(), target.messageTs());
        if (isTrue(body, "delete_original")) {
            original.ifPresent(message -> {
                ephemerals.remove(message);
                messages.getOrDefault(target.channelId(), new ArrayList<>()).remove(message);
            });
        } else if (isTrue(body, "replace_original")) {
            original.ifPresent(message -> message.replace(orEmpty(text), blocks, timestamps.next()));
        } else if ("in_channel".equals(SlackJson.string(body, "response_type"))) {
            post(conversations.get(target.channelId()), orEmpty(text), blocks, SlackJson.string(body, "thread_ts"));
        } else {
            postEphemeral(conversations.get(target.channelId()), target.userId(), orEmpty(text), blocks, null);
        }
        return true;
    }

    private static boolean isTrue(JsonObject body, String member) {
        JsonElement value = body.get(member);
        return value != null && value.isJsonPrimitive() && "true".equals(value.getAsString());
    }

    // ---- calls and reset

    synchronized void record(RecordedCall call) {
        calls.add(call);
    }

    synchronized List<RecordedCall> calls() {
        return List.copyOf(calls);
    }

    /** Forgets what happened (messages, modals, calls, triggers) but keeps the directory: users, channels, DMs. */
    synchronized void reset() {
        messages.clear();
        ephemerals.clear();
        views.clear();
        homes.clear();
        triggers.clear();
        usedTriggers.clear();
        responseTargets.clear();
        responseUses.clear();
        calls.clear();
        revision++;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
