package dev.countersign.emulator;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.slack.api.app_backend.SlackSignature;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The emulator acting as people: what a click or a modal submission delivers to the Request URL (checked with the
 * SDK's own parser and signature verifier), and what Slack does afterwards with response URLs, triggers and modals.
 */
class ActingAsUserTest {

    private static final Gson SNAKE_CASE = GsonFactory.createSnakeCase();

    private SlackEmulator slack;
    private SdkClient sdk;
    private MethodsClient bot;
    private RequestUrlReceiver app;
    private EmulatedUser ada;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        app = new RequestUrlReceiver();
        slack = SlackEmulator.start(EmulatorSettings.defaults().withRequestUrl(app.url()));
        sdk = new SdkClient(slack);
        bot = sdk.bot();
        ada = slack.addUser("ada.lovelace", "ada@example.com");
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        sdk.close();
        slack.close();
        app.close();
    }

    @Test
    void aClickDeliversASignedBlockActionsPayload() throws Exception {
        // given
        EmulatedMessage request = postApprovalRequest(ada.id());
        long before = Instant.now().getEpochSecond();

        // when
        InteractionResponse response = slack.click(ada, request, "approve");

        // then
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.acknowledgedInTime()).isTrue();
        RequestUrlReceiver.Received received = app.last();
        assertThat(received.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(Long.parseLong(received.header("X-Slack-Request-Timestamp"))).isBetween(before, before + 5);
        assertThat(verifies(
                        received.body(),
                        received.header("X-Slack-Request-Timestamp"),
                        received.header("X-Slack-Signature")))
                .isTrue();

        BlockActionPayload payload = SNAKE_CASE.fromJson(received.payload(), BlockActionPayload.class);
        assertThat(payload.getType()).isEqualTo("block_actions");
        assertThat(payload.getTeam().getId()).isEqualTo("T0EMULATED");
        assertThat(payload.getTeam().getDomain()).isEqualTo("countersign-emulated");
        assertThat(payload.getUser().getId()).isEqualTo(ada.id());
        assertThat(payload.getUser().getUsername()).isEqualTo("ada.lovelace");
        assertThat(payload.getUser().getTeamId()).isEqualTo("T0EMULATED");
        assertThat(payload.getApiAppId()).isEqualTo("A0EMULATED");
        assertThat(payload.getContainer().getType()).isEqualTo("message");
        assertThat(payload.getContainer().getMessageTs()).isEqualTo(request.ts());
        assertThat(payload.getContainer().getChannelId()).isEqualTo(request.channel());
        assertThat(payload.getContainer().isEphemeral()).isFalse();
        assertThat(payload.getChannel().getId()).isEqualTo(request.channel());
        assertThat(payload.getChannel().getName()).isEqualTo("directmessage");
        assertThat(payload.getTriggerId()).matches("\\d+\\.\\d+\\.[0-9a-f]{32}");
        assertThat(payload.getResponseUrl()).startsWith(slack.baseUrl() + "_emulator/respond/");
        assertThat(payload.getMessage().getTs()).isEqualTo(request.ts());
        assertThat(payload.getMessage().getText()).isEqualTo("Deploy to prod?");
        assertThat(payload.getMessage().getBlocks()).hasSize(2);
        assertThat(payload.getActions()).singleElement().satisfies(action -> {
            assertThat(action.getActionId()).isEqualTo("approve");
            assertThat(action.getBlockId()).isEqualTo("decision");
            assertThat(action.getValue()).isEqualTo("req-42");
            assertThat(action.getType()).isEqualTo("button");
            assertThat(action.getStyle()).isEqualTo("primary");
            assertThat(action.getText().getText()).isEqualTo("Approve");
            assertThat(action.getText().isEmoji())
                    .as("Slack marks plain text as emoji-enabled")
                    .isTrue();
            assertThat(action.getActionTs()).matches("\\d{10}\\.\\d{6}");
        });
        assertThat(payload.getState().getValues()).isEmpty();
    }

    @Test
    void aClickInAChannelNamesTheChannel() throws Exception {
        // given
        String deploys = slack.addChannel("deploys");
        EmulatedMessage request = postApprovalRequest(deploys);

        // when
        slack.click(ada, request, "reject");

        // then
        BlockActionPayload payload = SNAKE_CASE.fromJson(app.last().payload(), BlockActionPayload.class);
        assertThat(payload.getChannel().getName()).isEqualTo("deploys");
        assertThat(payload.getActions().getFirst().getActionId()).isEqualTo("reject");
    }

    @Test
    void aButtonThatWasRemovedCannotBeClicked() throws Exception {
        // given: the request as Ada first saw it, then the app replaced the buttons
        EmulatedMessage seenBefore = postApprovalRequest(ada.id());
        bot.chatUpdate(r -> r.channel(seenBefore.channel())
                .ts(seenBefore.ts())
                .text("Approved")
                .blocks(List.of(section(s -> s.text(markdownText("Approved by ada"))))));

        // when / then
        assertThatThrownBy(() -> slack.click(ada, seenBefore, "approve"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no button 'approve'");
        assertThat(app.received()).isEmpty();
    }

    @Test
    void nobodyClicksInSomeoneElsesDm() throws Exception {
        // given
        EmulatedUser grace = slack.addUser("grace", "grace@example.com");
        EmulatedMessage adasRequest = postApprovalRequest(ada.id());

        // when / then
        assertThatThrownBy(() -> slack.click(grace, adasRequest, "approve"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DM of " + ada.id());
    }

    @Test
    void aResponseUrlPostsAnEphemeralToTheClickingUser() throws Exception {
        // given
        String deploys = slack.addChannel("deploys");
        slack.click(ada, postApprovalRequest(deploys), "approve");
        String responseUrl = blockActions().getResponseUrl();

        // when
        HttpResponse<String> answer = postJson(responseUrl, """
                {"response_type":"ephemeral","text":"You cannot approve your own request"}""");

        // then
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("ok");
        assertThat(slack.ephemerals(ada.id())).singleElement().satisfies(message -> {
            assertThat(message.text()).isEqualTo("You cannot approve your own request");
            assertThat(message.channel()).isEqualTo(deploys);
        });
        assertThat(slack.messages(deploys)).hasSize(1);
    }

    @Test
    void aResponseUrlCanReplaceOrDeleteTheOriginal() throws Exception {
        // given
        EmulatedMessage request = postApprovalRequest(ada.id());
        slack.click(ada, request, "approve");
        String firstUrl = blockActions().getResponseUrl();
        EmulatedMessage second = postApprovalRequest(ada.id());
        slack.click(ada, second, "approve");
        String secondUrl = blockActions().getResponseUrl();

        // when
        postJson(firstUrl, """
                {"replace_original": true, "text": "Approved",
                 "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "Approved by ada"}}]}""");
        postJson(secondUrl, """
                {"delete_original":true}""");

        // then
        assertThat(slack.dms(ada.id())).singleElement().satisfies(message -> {
            assertThat(message.ts()).isEqualTo(request.ts());
            assertThat(message.text()).isEqualTo("Approved");
            assertThat(message.buttons()).isEmpty();
            assertThat(message.updateCount()).isEqualTo(1);
        });
    }

    @Test
    void anUnknownOrUsedUpResponseUrlIsNotFound() throws Exception {
        // given
        slack.click(ada, postApprovalRequest(ada.id()), "approve");
        String responseUrl = blockActions().getResponseUrl();
        for (int i = 0; i < 5; i++) {
            assertThat(postJson(responseUrl, "{\"text\":\"use " + i + "\"}").statusCode())
                    .isEqualTo(200);
        }

        // when
        HttpResponse<String> sixthUse = postJson(responseUrl, "{\"text\":\"one too many\"}");
        HttpResponse<String> unknown = postJson(slack.baseUrl() + "_emulator/respond/made-up", "{\"text\":\"x\"}");

        // then
        assertThat(sixthUse.statusCode()).isEqualTo(404);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(slack.ephemerals(ada.id())).hasSize(5);
    }

    @Test
    void anEphemeralCanBeClickedOnlyByItsUser() throws Exception {
        // given
        String deploys = slack.addChannel("deploys");
        EmulatedUser grace = slack.addUser("grace", "grace@example.com");
        bot.chatPostEphemeral(
                r -> r.channel(deploys).user(ada.id()).text("Reason?").blocks(decisionBlocks()));
        EmulatedMessage ephemeral = slack.ephemerals(ada.id()).getFirst();

        // when
        slack.click(ada, ephemeral, "reject");

        // then
        BlockActionPayload payload = SNAKE_CASE.fromJson(app.last().payload(), BlockActionPayload.class);
        assertThat(payload.getContainer().isEphemeral()).isTrue();
        assertThat(payload.getMessage())
                .as("Slack does not send ephemeral messages back")
                .isNull();
        assertThatThrownBy(() -> slack.click(grace, ephemeral, "reject"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shown only to " + ada.id());
    }

    @Test
    void aTriggerIdOpensOneModalOnly() throws Exception {
        // given
        slack.click(ada, postApprovalRequest(ada.id()), "reject");
        String triggerId = blockActions().getTriggerId();

        // when
        var opened = bot.viewsOpen(r -> r.triggerId(triggerId).view(reasonModal()));
        var reused = bot.viewsOpen(r -> r.triggerId(triggerId).view(reasonModal()));
        var madeUp = bot.viewsOpen(r -> r.triggerId("123.456.abc").view(reasonModal()));

        // then
        assertThat(opened.isOk()).isTrue();
        assertThat(opened.getView().getId()).startsWith("V");
        assertThat(opened.getView().getCallbackId()).isEqualTo("reject-reason");
        assertThat(opened.getView().getPrivateMetadata()).isEqualTo("req-42");
        assertThat(opened.getView().getHash()).isNotBlank();
        assertThat(opened.getView().getState().getValues()).isEmpty();
        assertThat(reused.getError()).isEqualTo("expired_trigger_id");
        assertThat(madeUp.getError()).isEqualTo("invalid_trigger_id");
        assertThat(slack.openViews(ada.id())).singleElement().satisfies(view -> {
            assertThat(view.id()).isEqualTo(opened.getView().getId());
            assertThat(view.title()).isEqualTo("Reject request");
            assertThat(view.inputs()).containsExactly("reason-text");
        });
    }

    @Test
    void aTriggerIdExpiresAfterItsLifetime() throws Exception {
        // given: Slack's three seconds, shortened so the test does not wait that long
        slack.close();
        slack = SlackEmulator.start(
                EmulatorSettings.defaults().withRequestUrl(app.url()).withTriggerLifetime(Duration.ofMillis(200)));
        sdk = new SdkClient(slack);
        ada = slack.addUser("ada", "ada@example.com");
        slack.click(ada, postApprovalRequest(ada.id()), "reject");
        String triggerId = blockActions().getTriggerId();

        // when
        Thread.sleep(300);
        var late = sdk.bot().viewsOpen(r -> r.triggerId(triggerId).view(reasonModal()));

        // then
        assertThat(late.getError()).isEqualTo("expired_trigger_id");
        assertThat(slack.openViews(ada.id())).isEmpty();
    }

    @Test
    void aModalWithoutTitleIsRefusedWithoutUsingTheTrigger() throws Exception {
        // given
        slack.click(ada, postApprovalRequest(ada.id()), "reject");
        String triggerId = blockActions().getTriggerId();
        View untitled = view(v -> v.type("modal").callbackId("x").blocks(List.of()));

        // when
        var refused = bot.viewsOpen(r -> r.triggerId(triggerId).view(untitled));
        var opened = bot.viewsOpen(r -> r.triggerId(triggerId).view(reasonModal()));

        // then
        assertThat(refused.getError()).isEqualTo("invalid_arguments");
        assertThat(refused.getResponseMetadata().getMessages()).anyMatch(line -> line.contains("title"));
        assertThat(opened.isOk()).isTrue();
    }

    @Test
    void submittingAModalDeliversItsValuesAndClosesIt() throws Exception {
        // given
        OpenView modal = openReasonModal();

        // when
        InteractionResponse response = slack.submitView(ada, modal, Map.of("reason-text", "too risky on a Friday"));

        // then
        assertThat(response.status()).isEqualTo(200);
        RequestUrlReceiver.Received received = app.last();
        assertThat(verifies(
                        received.body(),
                        received.header("X-Slack-Request-Timestamp"),
                        received.header("X-Slack-Signature")))
                .isTrue();
        ViewSubmissionPayload payload = SNAKE_CASE.fromJson(received.payload(), ViewSubmissionPayload.class);
        assertThat(payload.getType()).isEqualTo("view_submission");
        assertThat(payload.getUser().getId()).isEqualTo(ada.id());
        assertThat(payload.getTeam().getId()).isEqualTo("T0EMULATED");
        assertThat(payload.getApiAppId()).isEqualTo("A0EMULATED");
        assertThat(payload.getTriggerId()).isNotBlank();
        assertThat(payload.getResponseUrls()).isEmpty();
        assertThat(payload.getView().getId()).isEqualTo(modal.id());
        assertThat(payload.getView().getType()).isEqualTo("modal");
        assertThat(payload.getView().getCallbackId()).isEqualTo("reject-reason");
        assertThat(payload.getView().getPrivateMetadata()).isEqualTo("req-42");
        assertThat(payload.getView().getHash()).isEqualTo(modal.hash());
        var value = payload.getView().getState().getValues().get("reason").get("reason-text");
        assertThat(value.getType()).isEqualTo("plain_text_input");
        assertThat(value.getValue()).isEqualTo("too risky on a Friday");
        assertThat(slack.openViews(ada.id())).isEmpty();
    }

    @Test
    void aModalStaysOpenWhenTheAppAnswersWithErrors() throws Exception {
        // given
        OpenView modal = openReasonModal();
        String errors = "{\"response_action\":\"errors\",\"errors\":{\"reason\":\"Say a bit more\"}}";
        app.answering(request -> new RequestUrlReceiver.Answer(200, errors));

        // when
        InteractionResponse response = slack.submitView(ada, modal, Map.of("reason-text", "no"));

        // then
        assertThat(response.body()).isEqualTo(errors);
        assertThat(slack.openViews(ada.id())).extracting(OpenView::id).containsExactly(modal.id());
    }

    @Test
    void aModalCannotBeSubmittedWithARequiredInputEmptyOrAnInputItDoesNotHave() throws Exception {
        // given
        OpenView modal = openReasonModal();

        // when / then
        assertThatThrownBy(() -> slack.submitView(ada, modal, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reason-text");
        assertThatThrownBy(() -> slack.submitView(ada, modal, Map.of("reason-text", "x", "other", "y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("other");
        assertThat(app.received()).hasSize(1);
    }

    @Test
    void theAppCanUpdateAnOpenModalButNotWithAStaleHash() throws Exception {
        // given
        OpenView modal = openReasonModal();
        View thanks = view(v -> v.type("modal")
                .callbackId("done")
                .title(viewTitle(t -> t.type("plain_text").text("Done")))
                .blocks(List.of(section(s -> s.text(markdownText("Thanks"))))));

        // when
        var updated =
                bot.viewsUpdate(r -> r.viewId(modal.id()).hash(modal.hash()).view(thanks));
        var stale = bot.viewsUpdate(r -> r.viewId(modal.id()).hash(modal.hash()).view(thanks));
        var unknown = bot.viewsUpdate(r -> r.viewId("V99999999").view(thanks));

        // then
        assertThat(updated.isOk()).isTrue();
        assertThat(updated.getView().getId()).isEqualTo(modal.id());
        assertThat(updated.getView().getHash()).isNotEqualTo(modal.hash());
        assertThat(stale.getError()).isEqualTo("hash_conflict");
        assertThat(unknown.getError()).isEqualTo("not_found");
        assertThat(slack.openViews(ada.id()))
                .singleElement()
                .satisfies(view -> assertThat(view.title()).isEqualTo("Done"));
    }

    @Test
    void theControlSurfaceShowsMessagesAndCallsAsJson() throws Exception {
        // given
        EmulatedMessage request = postApprovalRequest(ada.id());

        // when
        HttpResponse<String> messages = http.send(
                HttpRequest.newBuilder(URI.create(slack.baseUrl() + "_emulator/messages?channel=" + request.channel()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> calls = http.send(
                HttpRequest.newBuilder(URI.create(slack.baseUrl() + "_emulator/calls?method=chat.postMessage"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(messages.statusCode()).isEqualTo(200);
        var listed = SNAKE_CASE.fromJson(messages.body(), JsonArray.class);
        assertThat(listed.size()).isEqualTo(1);
        assertThat(listed.get(0).getAsJsonObject().get("ts").getAsString()).isEqualTo(request.ts());
        assertThat(calls.body()).contains("\"method\":\"chat.postMessage\"").doesNotContain(slack.botToken());
    }

    @Test
    void sendDeliversExactlyWhatItIsGivenForForgeriesAndReplays() throws Exception {
        // given
        String body = "payload=%7B%22type%22%3A%22block_actions%22%7D";
        Map<String, String> signed = slack.signedHeaders(body, Instant.now().getEpochSecond());

        // when
        slack.send(body + "tampered", signed);

        // then
        RequestUrlReceiver.Received received = app.last();
        assertThat(received.body()).isEqualTo(body + "tampered");
        assertThat(received.header("X-Slack-Signature")).isEqualTo(signed.get("X-Slack-Signature"));
        assertThat(verifies(body, signed.get("X-Slack-Request-Timestamp"), signed.get("X-Slack-Signature")))
                .isTrue();
        assertThat(verifies(
                        received.body(),
                        received.header("X-Slack-Request-Timestamp"),
                        received.header("X-Slack-Signature")))
                .isFalse();
    }

    @Test
    void manyUsersCanClickAtOnce() throws Exception {
        // given
        List<EmulatedUser> users = new ArrayList<>();
        List<EmulatedMessage> requests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            EmulatedUser user = slack.addUser("user" + i, "user" + i + "@example.com");
            users.add(user);
            requests.add(postApprovalRequest(user.id()));
        }

        // when
        List<Future<InteractionResponse>> clicks = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int round = 0; round < 10; round++) {
                for (int i = 0; i < users.size(); i++) {
                    EmulatedUser user = users.get(i);
                    EmulatedMessage request = requests.get(i);
                    clicks.add(
                            pool.submit((Callable<InteractionResponse>) () -> slack.click(user, request, "approve")));
                }
            }
        }

        // then
        for (Future<InteractionResponse> click : clicks) {
            assertThat(click.get().status()).isEqualTo(200);
        }
        assertThat(app.received()).hasSize(200);
        assertThat(app.received().stream()
                        .map(r -> SNAKE_CASE
                                .fromJson(r.payload(), BlockActionPayload.class)
                                .getTriggerId()))
                .doesNotHaveDuplicates();
    }

    // ---- helpers

    private static List<LayoutBlock> decisionBlocks() {
        return List.of(
                section(s -> s.text(markdownText("*Deploy* to prod?"))),
                actions(a -> a.blockId("decision")
                        .elements(List.of(
                                button(b -> b.actionId("approve")
                                        .text(plainText("Approve"))
                                        .value("req-42")
                                        .style("primary")),
                                button(b -> b.actionId("reject")
                                        .text(plainText("Reject"))
                                        .value("req-42")
                                        .style("danger"))))));
    }

    private EmulatedMessage postApprovalRequest(String channel) throws Exception {
        var posted = sdk.bot()
                .chatPostMessage(r -> r.channel(channel).text("Deploy to prod?").blocks(decisionBlocks()));
        assertThat(posted.isOk()).as(posted.getError()).isTrue();
        return slack.message(posted.getChannel(), posted.getTs()).orElseThrow();
    }

    private static View reasonModal() {
        return view(v -> v.type("modal")
                .callbackId("reject-reason")
                .privateMetadata("req-42")
                .title(viewTitle(t -> t.type("plain_text").text("Reject request")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Reject")))
                .blocks(List.of(input(i -> i.blockId("reason")
                        .label(plainText("Reason"))
                        .element(plainTextInput(p -> p.actionId("reason-text").multiline(true)))))));
    }

    private OpenView openReasonModal() throws Exception {
        slack.click(ada, postApprovalRequest(ada.id()), "reject");
        String triggerId = blockActions().getTriggerId();
        assertThat(bot.viewsOpen(r -> r.triggerId(triggerId).view(reasonModal()))
                        .isOk())
                .isTrue();
        return slack.openViews(ada.id()).getFirst();
    }

    private BlockActionPayload blockActions() {
        return SNAKE_CASE.fromJson(app.last().payload(), BlockActionPayload.class);
    }

    private boolean verifies(String body, String timestamp, String signature) {
        var verifier = new SlackSignature.Verifier(new SlackSignature.Generator(slack.signingSecret()));
        return verifier.isValid(timestamp, body, signature, System.currentTimeMillis());
    }

    private HttpResponse<String> postJson(String url, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
