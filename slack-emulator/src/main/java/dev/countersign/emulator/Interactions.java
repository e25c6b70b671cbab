package dev.countersign.emulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.slack.api.app_backend.SlackSignature;
import com.slack.api.app_backend.events.payload.AppHomeOpenedPayload;
import com.slack.api.app_backend.events.payload.Authorization;
import com.slack.api.app_backend.events.payload.UrlVerificationPayload;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Slack's side of interactivity: builds the payload a click or a modal submission produces, with the SDK's own
 * model classes and Gson, and delivers it to the Request URL form-encoded and signed, exactly as Slack does.
 */
final class Interactions implements AutoCloseable {

    /** Longer than Slack's three seconds on purpose: a late answer is measured and reported, not cut off. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final EmulatorSettings settings;
    private final Workspace workspace;
    private final Supplier<URI> requestUrl;
    private final Supplier<String> responseUrlBase;
    private final SlackSignature.Generator signatures;
    private final BlockKitRules blockKit = new BlockKitRules();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    Interactions(
            EmulatorSettings settings,
            Workspace workspace,
            Supplier<URI> requestUrl,
            Supplier<String> responseUrlBase) {
        this.settings = settings;
        this.workspace = workspace;
        this.requestUrl = requestUrl;
        this.responseUrlBase = responseUrlBase;
        this.signatures = new SlackSignature.Generator(settings.signingSecret());
    }

    InteractionResponse click(EmulatedUser user, EmulatedMessage message, String actionId) {
        return click(user, message, actionId, null);
    }

    /**
     * As {@link #click(EmulatedUser, EmulatedMessage, String)}; with {@code fromTeamId} set, the payload's
     * {@code team} and {@code user.team_id} name that workspace instead of this one, as when another workspace's
     * install of the same app (or anyone holding the signing secret) sends it.
     */
    InteractionResponse click(EmulatedUser user, EmulatedMessage message, String actionId, String fromTeamId) {
        Workspace.Click click = workspace.prepareClick(user, message, actionId);
        JsonObject button = click.button().element();

        BlockActionPayload.Container container = new BlockActionPayload.Container();
        container.setType("message");
        container.setMessageTs(click.messageTs());
        container.setChannelId(click.conversation().id());
        container.setEphemeral(click.ephemeral());
        container.setThreadTs(click.threadTs());
        BlockActionPayload.Channel channel = new BlockActionPayload.Channel();
        channel.setId(click.conversation().id());
        channel.setName(click.conversation().payloadName());
        BlockActionPayload payload = blockAction(
                user,
                container,
                click.triggerId(),
                buttonAction(button, click.button().blockId()));
        if (fromTeamId != null) {
            payload.getTeam().setId(fromTeamId);
            payload.getUser().setTeamId(fromTeamId);
        }
        payload.setChannel(channel);
        payload.setResponseUrl(responseUrlBase.get() + click.responseUrlId());

        JsonObject json = SlackJson.SDK.toJsonTree(payload).getAsJsonObject();
        if (!click.ephemeral()) {
            // The stored message as Slack keeps it, rather than the SDK model's rendering of it (which would add
            // every primitive field the model has, e.g. "is_starred": false).
            json.add("message", click.message());
        }
        return deliver(json);
    }

    InteractionResponse submit(EmulatedUser user, OpenView view, Map<String, String> valuesByActionId) {
        return submit(user, view, valuesByActionId, null);
    }

    /** As {@link #submit(EmulatedUser, OpenView, Map)}, sent as from {@code fromTeamId} when it is set. */
    InteractionResponse submit(
            EmulatedUser user, OpenView view, Map<String, String> valuesByActionId, String fromTeamId) {
        Workspace.Submission submission = workspace.prepareSubmission(user, view, valuesByActionId);
        ViewSubmissionPayload.Team team = new ViewSubmissionPayload.Team();
        team.setId(fromTeamId != null ? fromTeamId : settings.teamId());
        team.setDomain(settings.teamDomain());
        ViewSubmissionPayload.User submitter = new ViewSubmissionPayload.User();
        submitter.setId(user.id());
        submitter.setUsername(user.name());
        submitter.setName(user.name());
        submitter.setTeamId(fromTeamId != null ? fromTeamId : userTeam(user));

        ViewSubmissionPayload payload = new ViewSubmissionPayload();
        payload.setTeam(team);
        payload.setUser(submitter);
        payload.setApiAppId(settings.appId());
        payload.setToken(settings.verificationToken());
        payload.setTriggerId(submission.triggerId());
        payload.setView(SlackJson.SDK.fromJson(submission.view(), View.class));
        payload.setResponseUrls(List.of());

        JsonObject json = SlackJson.SDK.toJsonTree(payload).getAsJsonObject();
        json.add("view", submission.view());
        InteractionResponse response = deliver(json);
        workspace.afterSubmission(
                view.id(), user.id(), response.acknowledgedInTime() ? 200 : response.status(), response.body());
        return response;
    }

    /** The clicked button as a {@code block_actions} action, the way Slack describes it. */
    private BlockActionPayload.Action buttonAction(JsonObject button, String blockId) {
        BlockActionPayload.Action.Text label = new BlockActionPayload.Action.Text();
        JsonObject text = SlackJson.object(button, "text");
        label.setType(SlackJson.string(text, "type"));
        label.setText(SlackJson.string(text, "text"));
        label.setEmoji(text != null && text.has("emoji") && text.get("emoji").getAsBoolean());
        BlockActionPayload.Action action = new BlockActionPayload.Action();
        action.setActionId(SlackJson.string(button, "action_id"));
        action.setBlockId(blockId);
        action.setText(label);
        action.setValue(SlackJson.string(button, "value"));
        action.setType("button");
        action.setStyle(SlackJson.string(button, "style"));
        action.setActionTs(actionTs());
        return action;
    }

    /**
     * {@code user} clicks the first button {@code actionId} on their Home tab: a signed {@code block_actions}
     * payload whose container is the view, as Slack sends it (no channel, no response_url).
     */
    InteractionResponse clickHome(EmulatedUser user, String actionId) {
        Workspace.HomeClick click = workspace.prepareHomeClick(user, actionId);
        JsonObject button = click.button().element();
        String viewId = SlackJson.string(click.view(), "id");
        BlockActionPayload.Container container = new BlockActionPayload.Container();
        container.setType("view");
        container.setViewId(viewId);
        BlockActionPayload payload = blockAction(
                user,
                container,
                click.triggerId(),
                buttonAction(button, click.button().blockId()));
        JsonObject json = SlackJson.SDK.toJsonTree(payload).getAsJsonObject();
        json.add("view", click.view());
        return deliver(json);
    }

    /** What every {@code block_actions} payload carries: team, user, app, token, container, trigger, the action. */
    private BlockActionPayload blockAction(
            EmulatedUser user,
            BlockActionPayload.Container container,
            String triggerId,
            BlockActionPayload.Action action) {
        BlockActionPayload payload = new BlockActionPayload();
        payload.setTeam(blockActionTeam());
        payload.setUser(blockActionUser(user));
        payload.setApiAppId(settings.appId());
        payload.setToken(settings.verificationToken());
        payload.setContainer(container);
        payload.setTriggerId(triggerId);
        payload.setActions(List.of(action));
        payload.setState(new ViewState(new HashMap<>()));
        return payload;
    }

    /**
     * {@code user} types {@code command text} in the conversation: the Request URL receives the form Slack sends
     * (fields in Slack's order, signed). The answer is shown as Slack shows it: a JSON body with
     * {@code response_type} "in_channel" is posted to the conversation, anything else only to the user (an
     * ephemeral message); a body whose blocks Slack would refuse shows the user Slack's error instead.
     */
    InteractionResponse slashCommand(EmulatedUser user, String channel, String command, String text) {
        return slashCommand(user, channel, command, text, null);
    }

    /** As {@link #slashCommand(EmulatedUser, String, String, String)}, from {@code fromTeamId} when it is set. */
    InteractionResponse slashCommand(
            EmulatedUser user, String channel, String command, String text, String fromTeamId) {
        Workspace.Command context = workspace.prepareCommand(user, channel);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("token", settings.verificationToken());
        fields.put("team_id", fromTeamId != null ? fromTeamId : settings.teamId());
        fields.put("team_domain", settings.teamDomain());
        fields.put("channel_id", context.conversation().id());
        fields.put("channel_name", context.conversation().payloadName());
        fields.put("user_id", user.id());
        fields.put("user_name", user.name());
        fields.put("command", command);
        fields.put("text", text == null ? "" : text);
        fields.put("api_app_id", settings.appId());
        fields.put("is_enterprise_install", "false");
        fields.put("response_url", responseUrlBase.get() + context.responseUrlId());
        fields.put("trigger_id", context.triggerId());
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&")
                .append(name)
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        InteractionResponse response = deliverForm(body.toString());
        if (response.acknowledgedInTime()) {
            showCommandAnswer(user, context.conversation(), command, response.body());
        }
        return response;
    }

    private void showCommandAnswer(
            EmulatedUser user, Workspace.Conversation conversation, String command, String answer) {
        if (answer == null || answer.isBlank()) {
            return;
        }
        JsonObject json = SlackJson.parseObject(answer).orElse(null);
        if (json == null) {
            workspace.postEphemeral(conversation, user.id(), answer, new JsonArray(), null);
            return;
        }
        String text = SlackJson.string(json, "text");
        JsonArray blocks;
        try {
            blocks = json.has("blocks")
                    ? blockKit.checkedBlocks(json.get("blocks").toString(), BlockKitRules.MAX_MESSAGE_BLOCKS)
                    : new JsonArray();
        } catch (MethodError invalid) {
            workspace.postEphemeral(
                    conversation,
                    user.id(),
                    command + " failed with the error \"invalid_blocks\" " + invalid.details(),
                    new JsonArray(),
                    null);
            return;
        }
        if ("in_channel".equals(SlackJson.string(json, "response_type"))) {
            workspace.post(conversation, text == null ? "" : text, blocks, null);
        } else {
            workspace.postEphemeral(conversation, user.id(), text == null ? "" : text, blocks, null);
        }
    }

    /**
     * {@code user} opens the app's Home tab: the Request URL receives a signed {@code app_home_opened} event (JSON),
     * carrying the view published for them so far, if any.
     */
    InteractionResponse openHome(EmulatedUser user) {
        AppHomeOpenedEvent event = new AppHomeOpenedEvent();
        event.setUser(user.id());
        event.setChannel(workspace.openIm(user.id()).id());
        event.setTab("home");
        event.setEventTs(actionTs());
        workspace.home(user.id()).ifPresent(home -> event.setView(home.view()));
        AppHomeOpenedPayload payload = new AppHomeOpenedPayload();
        payload.setToken(settings.verificationToken());
        payload.setTeamId(settings.teamId());
        payload.setApiAppId(settings.appId());
        payload.setEvent(event);
        payload.setType("event_callback");
        payload.setEventId("Ev"
                + Long.toString(EVENT_IDS.incrementAndGet() + 1_000_000_000L, 36)
                        .toUpperCase());
        payload.setEventTime((int) Instant.now().getEpochSecond());
        payload.setEventContext(settings.teamId() + "-" + settings.appId());
        payload.setExtSharedChannel(false);
        Authorization authorization = new Authorization();
        authorization.setTeamId(settings.teamId());
        authorization.setUserId(settings.botUserId());
        authorization.setIsBot(true);
        authorization.setIsEnterpriseInstall(false);
        payload.setAuthorizations(List.of(authorization));
        return deliverJson(SlackJson.SDK.toJson(payload));
    }

    /** What Slack sends when someone enters the Request URL for events: the app must echo the challenge. */
    InteractionResponse urlVerification(String challenge) {
        UrlVerificationPayload payload = new UrlVerificationPayload();
        payload.setToken(settings.verificationToken());
        payload.setChallenge(challenge);
        return deliverJson(SlackJson.SDK.toJson(payload));
    }

    private static final java.util.concurrent.atomic.AtomicLong EVENT_IDS =
            new java.util.concurrent.atomic.AtomicLong();

    private InteractionResponse deliverJson(String body) {
        Map<String, String> headers =
                new LinkedHashMap<>(signedHeaders(body, Instant.now().getEpochSecond()));
        headers.put("Content-Type", "application/json");
        lastDelivery.set(new SlackEmulator.Delivery(body, Map.copyOf(headers)));
        return send(body, headers);
    }

    private InteractionResponse deliverForm(String body) {
        Map<String, String> headers =
                new LinkedHashMap<>(signedHeaders(body, Instant.now().getEpochSecond()));
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        lastDelivery.set(new SlackEmulator.Delivery(body, Map.copyOf(headers)));
        return send(body, headers);
    }

    private BlockActionPayload.Team blockActionTeam() {
        BlockActionPayload.Team team = new BlockActionPayload.Team();
        team.setId(settings.teamId());
        team.setDomain(settings.teamDomain());
        return team;
    }

    private BlockActionPayload.User blockActionUser(EmulatedUser user) {
        BlockActionPayload.User clicker = new BlockActionPayload.User();
        clicker.setId(user.id());
        clicker.setUsername(user.name());
        clicker.setName(user.name());
        clicker.setTeamId(userTeam(user));
        return clicker;
    }

    /** The clicker's own workspace: this one, or (for a Slack Connect stranger) their organization's. */
    private String userTeam(EmulatedUser user) {
        return user.teamId() == null ? settings.teamId() : user.teamId();
    }

    private static String actionTs() {
        return Timestamps.format(ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()));
    }

    /** Where clicks and submissions go instead of the Request URL; {@code null}: to the Request URL. */
    private volatile SocketModeServer socket;

    void deliverOverSocket(SocketModeServer socket) {
        this.socket = socket;
    }

    private InteractionResponse deliver(JsonObject payload) {
        SocketModeServer over = socket;
        if (over != null) {
            // As on Slack: a click's acknowledgement carries nothing, a submission's may carry errors or a view.
            return over.deliver("interactive", payload, !"block_actions".equals(SlackJson.string(payload, "type")));
        }
        String body = "payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8);
        Map<String, String> headers =
                new LinkedHashMap<>(signedHeaders(body, Instant.now().getEpochSecond()));
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        lastDelivery.set(new SlackEmulator.Delivery(body, Map.copyOf(headers)));
        return send(body, headers);
    }

    private final java.util.concurrent.atomic.AtomicReference<SlackEmulator.Delivery> lastDelivery =
            new java.util.concurrent.atomic.AtomicReference<>();

    SlackEmulator.Delivery lastDelivery() {
        return lastDelivery.get();
    }

    Map<String, String> signedHeaders(String body, long timestamp) {
        String seconds = String.valueOf(timestamp);
        return Map.of(
                SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP,
                seconds,
                SlackSignature.HeaderNames.X_SLACK_SIGNATURE,
                signatures.generate(seconds, body));
    }

    InteractionResponse send(String body, Map<String, String> headers) {
        URI target = requestUrl.get();
        if (target == null) {
            throw new IllegalStateException("no Request URL set: call requestUrl(URI) with the app's /slack/events");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(REQUEST_TIMEOUT)
                .header("User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        if (headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new InteractionResponse(
                    response.statusCode(), response.body(), Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            throw new UncheckedIOException("the Request URL " + target + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + target, e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
