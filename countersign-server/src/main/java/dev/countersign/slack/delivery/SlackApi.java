package dev.countersign.slack.delivery;

import com.google.gson.Gson;
import com.slack.api.Slack;
import com.slack.api.app_backend.interactive_components.ActionResponseSender;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;
import com.slack.api.webhook.WebhookResponse;
import dev.countersign.approval.Email;
import dev.countersign.slack.store.SlackExchangeLog;
import dev.countersign.slack.store.SlackExchangeLog.Direction;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The Web API calls Countersign makes, through the SDK's {@link MethodsClient}, each recorded in the exchange log and
 * turned into a result or a {@link SlackCallFailed} that says whether trying again can help.
 */
public class SlackApi {

    /** Slack's own words for "not now": worth another try later. Anything else ok:false is a refusal. */
    private static final Set<String> TRANSIENT_ERRORS = Set.of(
            "ratelimited",
            "internal_error",
            "fatal_error",
            "service_unavailable",
            "request_timeout",
            "team_added_to_org");

    record Posted(String channel, String ts) {}

    /** The metadata event type of a message that can be found again: see {@link #postedWith}. */
    static final String MARK_EVENT = "countersign_message";

    /** Built once: the SDK builds a Gson per call to serialise blocks, which costs more than the call itself. */
    private static final Gson GSON = GsonFactory.createSnakeCase();

    private final Slack slack;
    private final Supplier<String> botToken;
    /** The client for the token in force; built again when an administrator changes the token. */
    private volatile TokenClient client;

    private final ActionResponseSender responses;
    private final java.util.concurrent.ConcurrentMap<String, String> dmChannels =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final SlackExchangeLog exchanges;

    private record TokenClient(String token, MethodsClient methods) {}

    /** The workspace a token was issued for; a token never moves between workspaces, so this is kept per token. */
    private record InstalledTeam(String token, String teamId) {}

    private volatile InstalledTeam installedTeam;

    SlackApi(Slack slack, Supplier<String> botToken, SlackExchangeLog exchanges) {
        this.slack = slack;
        this.botToken = botToken;
        this.responses = new ActionResponseSender(slack);
        this.exchanges = exchanges;
    }

    /** Whether there is a bot token to call Slack with (configured, or stored by an administrator). */
    boolean hasToken() {
        return botToken.get() != null;
    }

    private MethodsClient methods() {
        String token = botToken.get();
        TokenClient current = client;
        if (current == null || !java.util.Objects.equals(current.token(), token)) {
            current = new TokenClient(token, new ReusedGsonMethodsClient(slack, token));
            client = current;
        }
        return current.methods();
    }

    /** The Slack user with this email, or empty when the workspace has none. */
    Optional<String> userIdOf(Email email, String requestId) {
        try {
            return Optional.of(call(
                            "users.lookupByEmail",
                            requestId,
                            () -> methods().usersLookupByEmail(r -> r.email(email.value())))
                    .getUser()
                    .getId());
        } catch (SlackCallFailed e) {
            if ("users_not_found".equals(e.error())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The Slack user as {@code users.info} describes them: profile email, team, bot, guest and deactivated flags. */
    public com.slack.api.model.User userInfo(String userId) {
        var user = call("users.info", null, () -> methods().usersInfo(r -> r.user(userId)))
                .getUser();
        if (user == null) {
            throw new SlackCallFailed("users.info", "user_not_found", false, null);
        }
        return user;
    }

    /**
     * The id of the workspace the bot token belongs to, as {@code auth.test} names it: asked once per token, and
     * again when an administrator stores another token (which may belong to another workspace).
     */
    public String installedTeamId() {
        String token = botToken.get();
        InstalledTeam known = installedTeam;
        if (known != null && java.util.Objects.equals(known.token(), token)) {
            return known.teamId();
        }
        var auth = call("auth.test", null, () -> methods().authTest(r -> r));
        if (auth.getTeamId() == null || auth.getTeamId().isBlank()) {
            throw new SlackCallFailed("auth.test", "no team_id in the answer", true, null);
        }
        installedTeam = new InstalledTeam(token, auth.getTeamId());
        return auth.getTeamId();
    }

    /** The bot's DM channel with the user: opened once, then remembered (it never changes). */
    String openDm(String userId, String requestId) {
        String known = dmChannels.get(userId);
        if (known != null) {
            return known;
        }
        String channel = call(
                        "conversations.open",
                        requestId,
                        () -> methods().conversationsOpen(r -> r.users(List.of(userId))))
                .getChannel()
                .getId();
        dmChannels.put(userId, channel);
        return channel;
    }

    Posted post(String channel, String threadTs, String text, List<LayoutBlock> blocks, String requestId) {
        var response = call(
                "chat.postMessage",
                requestId,
                () -> methods()
                        .chatPostMessage(r -> r.channel(channel)
                                .threadTs(threadTs)
                                .text(text)
                                .blocksAsString(GSON.toJson(blocks))
                                .unfurlLinks(false)));
        return new Posted(response.getChannel(), response.getTs());
    }

    /**
     * Posts a message that carries {@code mark} in its metadata (event type {@value #MARK_EVENT}), so that a copy
     * Slack took without our hearing back can be found again with {@link #postedWith}.
     */
    Posted post(String channel, String threadTs, String text, List<LayoutBlock> blocks, String requestId, String mark) {
        var metadata = new com.slack.api.model.Message.Metadata();
        metadata.setEventType(MARK_EVENT);
        metadata.setEventPayload(java.util.Map.of("request", requestId, "mark", mark));
        var response = call(
                "chat.postMessage",
                requestId,
                () -> methods()
                        .chatPostMessage(r -> r.channel(channel)
                                .threadTs(threadTs)
                                .text(text)
                                .blocksAsString(GSON.toJson(blocks))
                                .unfurlLinks(false)
                                .metadata(metadata)));
        return new Posted(response.getChannel(), response.getTs());
    }

    /**
     * The ts of every top-level message in the channel, posted since {@code since}, that carries {@code mark}: the
     * copies of one message. Reads at most a few pages of history (a DM about one request does not hold more).
     */
    List<String> postedWith(String channel, java.time.Instant since, String mark, String requestId) {
        String oldest = since.getEpochSecond() - 1 + ".000000";
        List<String> found = new java.util.ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 5; page++) {
            String from = cursor;
            var response = call(
                    "conversations.history",
                    requestId,
                    () -> methods()
                            .conversationsHistory(r -> r.channel(channel)
                                    .oldest(oldest)
                                    .limit(200)
                                    .includeAllMetadata(true)
                                    .cursor(from)));
            for (var message : response.getMessages()) {
                var metadata = message.getMetadata();
                if (metadata != null
                        && MARK_EVENT.equals(metadata.getEventType())
                        && metadata.getEventPayload() != null
                        && mark.equals(metadata.getEventPayload().get("mark"))) {
                    found.add(message.getTs());
                }
            }
            cursor = response.getResponseMetadata() == null
                    ? null
                    : response.getResponseMetadata().getNextCursor();
            if (!response.isHasMore() || cursor == null || cursor.isEmpty()) {
                break;
            }
        }
        return found;
    }

    void update(String channel, String ts, String text, List<LayoutBlock> blocks, String requestId) {
        call(
                "chat.update",
                requestId,
                () -> methods()
                        .chatUpdate(r -> r.channel(channel).ts(ts).text(text).blocksAsString(GSON.toJson(blocks))));
    }

    public void postEphemeral(String channel, String userId, String text, String requestId) {
        call(
                "chat.postEphemeral",
                requestId,
                () -> methods()
                        .chatPostEphemeral(r -> r.channel(channel).user(userId).text(text)));
    }

    public void openView(String triggerId, View view, String requestId) {
        call(
                "views.open",
                requestId,
                () -> methods().viewsOpen(r -> r.triggerId(triggerId).view(view)));
    }

    /** Shows this view on the user's App Home tab (replacing what was there). */
    public void publishHome(String userId, View view) {
        call(
                "views.publish",
                null,
                () -> methods().viewsPublish(r -> r.userId(userId).view(view)));
    }

    /** An ephemeral answer to the person who clicked, through the click's response_url. */
    public void respondEphemeral(String responseUrl, String text, String requestId) {
        long started = System.nanoTime();
        String outcome = "ok";
        try {
            WebhookResponse response = responses.send(
                    responseUrl,
                    ActionResponse.builder()
                            .responseType("ephemeral")
                            .replaceOriginal(false)
                            .text(text)
                            .build());
            if (response.getCode() != 200) {
                outcome = "http " + response.getCode();
                throw new SlackCallFailed("response_url", outcome, response.getCode() >= 500, null);
            }
        } catch (IOException e) {
            outcome = "unreachable: " + e.getClass().getSimpleName();
            throw new SlackCallFailed("response_url", outcome, true, null);
        } finally {
            exchanges.record(
                    Direction.OUT,
                    "response_url",
                    requestId,
                    null,
                    outcome,
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    @FunctionalInterface
    private interface Call<T extends SlackApiTextResponse> {
        T run() throws IOException, SlackApiException;
    }

    private <T extends SlackApiTextResponse> T call(String method, String requestId, Call<T> call) {
        long started = System.nanoTime();
        String outcome = "ok";
        try {
            T response = call.run();
            if (!response.isOk()) {
                outcome = response.getError();
                throw new SlackCallFailed(
                        method, response.getError(), TRANSIENT_ERRORS.contains(response.getError()), null);
            }
            return response;
        } catch (SlackApiException e) {
            int status = e.getResponse().code();
            outcome = "http " + status;
            Duration retryAfter = status == 429 ? retryAfter(e) : null;
            throw new SlackCallFailed(
                    method,
                    status == 429 ? "ratelimited" : outcome,
                    status == 429 || status >= 500 || status == 408,
                    retryAfter);
        } catch (IOException e) {
            outcome = "unreachable: " + e.getClass().getSimpleName();
            throw new SlackCallFailed(method, outcome, true, null);
        } finally {
            exchanges.record(
                    Direction.OUT, method, requestId, null, outcome, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private static Duration retryAfter(SlackApiException e) {
        String header = e.getResponse().header("Retry-After");
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(header == null ? "1" : header.strip())));
        } catch (NumberFormatException notSeconds) {
            return Duration.ofSeconds(30);
        }
    }
}
