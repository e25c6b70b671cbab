package dev.countersign.emulator;

import com.google.gson.JsonObject;
import com.slack.api.app_backend.SlackSignature;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
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
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    Interactions(EmulatorSettings settings, Workspace workspace, Supplier<URI> requestUrl,
                 Supplier<String> responseUrlBase) {
        this.settings = settings;
        this.workspace = workspace;
        this.requestUrl = requestUrl;
        this.responseUrlBase = responseUrlBase;
        this.signatures = new SlackSignature.Generator(settings.signingSecret());
    }

    InteractionResponse click(EmulatedUser user, EmulatedMessage message, String actionId) {
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
        BlockActionPayload.Action.Text label = new BlockActionPayload.Action.Text();
        JsonObject text = SlackJson.object(button, "text");
        label.setType(SlackJson.string(text, "type"));
        label.setText(SlackJson.string(text, "text"));
        label.setEmoji(text != null && text.has("emoji") && text.get("emoji").getAsBoolean());
        BlockActionPayload.Action action = new BlockActionPayload.Action();
        action.setActionId(SlackJson.string(button, "action_id"));
        action.setBlockId(click.button().blockId());
        action.setText(label);
        action.setValue(SlackJson.string(button, "value"));
        action.setType("button");
        action.setStyle(SlackJson.string(button, "style"));
        action.setActionTs(actionTs());

        BlockActionPayload payload = new BlockActionPayload();
        payload.setTeam(blockActionTeam());
        payload.setUser(blockActionUser(user));
        payload.setApiAppId(settings.appId());
        payload.setToken(settings.verificationToken());
        payload.setContainer(container);
        payload.setTriggerId(click.triggerId());
        payload.setChannel(channel);
        payload.setResponseUrl(responseUrlBase.get() + click.responseUrlId());
        payload.setActions(List.of(action));
        payload.setState(new ViewState(new HashMap<>()));

        JsonObject json = SlackJson.SDK.toJsonTree(payload).getAsJsonObject();
        if (!click.ephemeral()) {
            // The stored message as Slack keeps it, rather than the SDK model's rendering of it (which would add
            // every primitive field the model has, e.g. "is_starred": false).
            json.add("message", click.message());
        }
        return deliver(json);
    }

    InteractionResponse submit(EmulatedUser user, OpenView view, Map<String, String> valuesByActionId) {
        Workspace.Submission submission = workspace.prepareSubmission(user, view, valuesByActionId);
        ViewSubmissionPayload.Team team = new ViewSubmissionPayload.Team();
        team.setId(settings.teamId());
        team.setDomain(settings.teamDomain());
        ViewSubmissionPayload.User submitter = new ViewSubmissionPayload.User();
        submitter.setId(user.id());
        submitter.setUsername(user.name());
        submitter.setName(user.name());
        submitter.setTeamId(settings.teamId());

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
        workspace.afterSubmission(view.id(), user.id(), response.acknowledgedInTime() ? 200 : response.status(),
                response.body());
        return response;
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
        clicker.setTeamId(settings.teamId());
        return clicker;
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
        Map<String, String> headers = new LinkedHashMap<>(signedHeaders(body, Instant.now().getEpochSecond()));
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
        return Map.of(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP, seconds,
                SlackSignature.HeaderNames.X_SLACK_SIGNATURE, signatures.generate(seconds, body));
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
            return new InteractionResponse(response.statusCode(), response.body(),
                    Duration.ofNanos(System.nanoTime() - started));
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
