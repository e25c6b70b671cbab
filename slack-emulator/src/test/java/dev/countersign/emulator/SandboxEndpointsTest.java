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

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.app_backend.SlackSignature;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox page's HTTP side, over real HTTP as the page's script uses it: the page itself, what one person
 * sees, the revision that makes polling cheap, and clicks and modal submissions reaching the Request URL signed.
 */
class SandboxEndpointsTest {

    private SlackEmulator slack;
    private SdkClient sdk;
    private MethodsClient bot;
    private RequestUrlReceiver app;
    private EmulatedUser ada;
    private EmulatedUser grace;
    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() throws Exception {
        app = new RequestUrlReceiver();
        slack = SlackEmulator.start(EmulatorSettings.defaults().withRequestUrl(app.url()));
        sdk = new SdkClient(slack);
        bot = sdk.bot();
        ada = slack.addUser("ada.lovelace", "ada@example.com");
        grace = slack.addUser("grace.hopper", "grace@example.com");
        slack.title(ada, "Approver, level 1");
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        sdk.close();
        slack.close();
        app.close();
    }

    @Test
    void servesThePageAndItsScriptUnderAStrictContentSecurityPolicy() throws Exception {
        // when
        HttpResponse<String> root = get("");
        HttpResponse<String> page = get("sandbox/");
        HttpResponse<String> script = get("sandbox/sandbox.js");
        HttpResponse<String> style = get("sandbox/sandbox.css");
        HttpResponse<String> missing = get("sandbox/other.js");

        // then
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).contains("/sandbox/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("html"));
        assertThat(page.body())
                .contains("Countersign sandbox", "<script src=\"sandbox.js\"></script>", "Pick a person");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(
                        csp -> assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe"));
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("javascript"));
        assertThat(script.body()).contains("function mrkdwn");
        assertThat(style.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("css"));
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    @Test
    void listsThePeopleWithTheirTitles() throws Exception {
        // when
        JsonArray users =
                JsonParser.parseString(get("sandbox/api/users").body()).getAsJsonArray();

        // then
        assertThat(users).hasSize(2);
        JsonObject first = users.get(0).getAsJsonObject();
        assertThat(first.get("id").getAsString()).isEqualTo(ada.id());
        assertThat(first.get("real_name").getAsString()).isEqualTo("Ada Lovelace");
        assertThat(first.get("title").getAsString()).isEqualTo("Approver, level 1");
        assertThat(users.get(1).getAsJsonObject().get("title").isJsonNull()).isTrue();
    }

    @Test
    void showsAPersonTheirOwnDmChannelsWithThreadsAndTheirEphemeralsButNobodyElsesDm() throws Exception {
        // given
        String general = slack.addChannel("general");
        assertThat(bot.chatPostMessage(r -> r.channel(ada.id()).text("for ada")).isOk())
                .isTrue();
        assertThat(bot.chatPostMessage(r -> r.channel(grace.id()).text("for grace only"))
                        .isOk())
                .isTrue();
        var parent = bot.chatPostMessage(r -> r.channel(general).text("in the channel"));
        assertThat(bot.chatPostMessage(
                                r -> r.channel(general).threadTs(parent.getTs()).text("a reply"))
                        .isOk())
                .isTrue();
        assertThat(bot.chatPostEphemeral(r -> r.channel(general).user(ada.id()).text("psst"))
                        .isOk())
                .isTrue();

        // when
        JsonObject state = state(ada, null);

        // then
        assertThat(state.toString()).doesNotContain("for grace only");
        JsonObject dm = conversation(state, true);
        assertThat(texts(dm)).containsExactly("for ada");
        JsonObject channel = conversation(state, false);
        assertThat(channel.get("name").getAsString()).isEqualTo("general");
        assertThat(texts(channel)).containsExactly("in the channel", "psst");
        JsonObject top = channel.getAsJsonArray("messages").get(0).getAsJsonObject();
        assertThat(top.getAsJsonArray("replies"))
                .singleElement()
                .satisfies(
                        reply -> assertThat(reply.getAsJsonObject().get("text").getAsString())
                                .isEqualTo("a reply"));
        JsonObject ephemeral = channel.getAsJsonArray("messages").get(1).getAsJsonObject();
        assertThat(ephemeral.get("ephemeral_to").getAsString()).isEqualTo(ada.id());
        assertThat(texts(conversation(state(grace, null), false))).containsExactly("in the channel");
    }

    @Test
    void answersUnchangedUntilSomethingChangesAndThenTheUpdatedMessage() throws Exception {
        // given
        var posted = bot.chatPostMessage(r -> r.channel(ada.id()).text("waiting"));
        long revision = state(ada, null).get("revision").getAsLong();

        // when
        JsonObject quiet = state(ada, revision);
        assertThat(bot.chatUpdate(r -> r.channel(posted.getChannel())
                                .ts(posted.getTs())
                                .text("approved"))
                        .isOk())
                .isTrue();
        JsonObject changed = state(ada, revision);

        // then
        assertThat(quiet.get("unchanged").getAsBoolean()).isTrue();
        assertThat(quiet.has("conversations")).isFalse();
        assertThat(changed.get("revision").getAsLong()).isGreaterThan(revision);
        JsonObject message =
                conversation(changed, true).getAsJsonArray("messages").get(0).getAsJsonObject();
        assertThat(message.get("text").getAsString()).isEqualTo("approved");
        assertThat(message.get("update_count").getAsInt()).isEqualTo(1);
    }

    @Test
    void aClickSendsTheSignedBlockActionsPayloadAndAnswersWhatTheAppAnswered() throws Exception {
        // given
        var posted =
                bot.chatPostMessage(r -> r.channel(ada.id()).text("Deploy?").blocks(decisionBlocks()));

        // when
        HttpResponse<String> answer = post(
                "click",
                "{\"user\":\"" + ada.id() + "\",\"channel\":\"" + posted.getChannel() + "\",\"ts\":\"" + posted.getTs()
                        + "\",\"action_id\":\"approve\"}");

        // then
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonObject result = JsonParser.parseString(answer.body()).getAsJsonObject();
        assertThat(result.get("status").getAsInt()).isEqualTo(200);
        assertThat(result.get("acknowledged").getAsBoolean()).isTrue();
        RequestUrlReceiver.Received received = app.last();
        assertThat(new SlackSignature.Verifier(new SlackSignature.Generator(slack.signingSecret()))
                        .isValid(
                                received.header("X-Slack-Request-Timestamp"),
                                received.body(),
                                received.header("X-Slack-Signature")))
                .isTrue();
        BlockActionPayload payload =
                GsonFactory.createSnakeCase().fromJson(received.payload(), BlockActionPayload.class);
        assertThat(payload.getUser().getId()).isEqualTo(ada.id());
        assertThat(payload.getActions()).singleElement().satisfies(action -> {
            assertThat(action.getActionId()).isEqualTo("approve");
            assertThat(action.getValue()).isEqualTo("req-42");
        });
    }

    @Test
    void aModalSubmittedOnThePageDeliversItsValuesAndCancelClosesIt() throws Exception {
        // given: a click, and the app opening a modal with its trigger
        var posted =
                bot.chatPostMessage(r -> r.channel(ada.id()).text("Deploy?").blocks(decisionBlocks()));
        String click = "{\"user\":\"" + ada.id() + "\",\"channel\":\"" + posted.getChannel() + "\",\"ts\":\""
                + posted.getTs() + "\",\"action_id\":\"reject\"}";
        assertThat(post("click", click).statusCode()).isEqualTo(200);
        openReasonModal();
        JsonArray views = state(ada, null).getAsJsonArray("views");
        String viewId = views.get(0).getAsJsonObject().get("id").getAsString();

        // when
        HttpResponse<String> submitted = post(
                "submit",
                "{\"user\":\"" + ada.id() + "\",\"view_id\":\"" + viewId
                        + "\",\"values\":{\"reason-text\":\"not <b>today</b>\"}}");

        // then
        assertThat(submitted.statusCode()).isEqualTo(200);
        ViewSubmissionPayload payload =
                GsonFactory.createSnakeCase().fromJson(app.last().payload(), ViewSubmissionPayload.class);
        assertThat(payload.getView()
                        .getState()
                        .getValues()
                        .get("reason")
                        .get("reason-text")
                        .getValue())
                .isEqualTo("not <b>today</b>");
        assertThat(state(ada, null).getAsJsonArray("views")).isEmpty();

        // and when: another modal, cancelled
        assertThat(post("click", click).statusCode()).isEqualTo(200);
        openReasonModal();
        String second = state(ada, null)
                .getAsJsonArray("views")
                .get(0)
                .getAsJsonObject()
                .get("id")
                .getAsString();
        int delivered = app.received().size();
        HttpResponse<String> closed = post("close", "{\"user\":\"" + ada.id() + "\",\"view_id\":\"" + second + "\"}");

        // then: gone, and nothing sent (the modal does not ask to be told)
        assertThat(closed.statusCode()).isEqualTo(200);
        assertThat(state(ada, null).getAsJsonArray("views")).isEmpty();
        assertThat(app.received()).hasSize(delivered);
    }

    @Test
    void refusesWhatAPersonCouldNotDoWithA4xxThatSaysWhy() throws Exception {
        // given
        var posted =
                bot.chatPostMessage(r -> r.channel(ada.id()).text("Deploy?").blocks(decisionBlocks()));
        String where = "\"channel\":\"" + posted.getChannel() + "\",\"ts\":\"" + posted.getTs() + "\"";

        // when / then
        assertRefused(get("sandbox/api/state"), 400, "user is required");
        assertRefused(get("sandbox/api/state?user=U404"), 404, "no user U404");
        assertRefused(post("click", "not json"), 400, "JSON object");
        assertRefused(post("click", "{\"user\":\"" + ada.id() + "\"," + where + "}"), 400, "action_id is required");
        assertRefused(
                post("click", "{\"user\":\"" + ada.id() + "\"," + where + ",\"action_id\":\"nope\"}"),
                409,
                "no button 'nope'");
        assertRefused(
                post("click", "{\"user\":\"" + grace.id() + "\"," + where + ",\"action_id\":\"approve\"}"),
                409,
                "cannot see");
        assertRefused(
                post(
                        "click",
                        "{\"user\":\"" + ada.id() + "\",\"channel\":\"" + posted.getChannel()
                                + "\",\"ts\":\"1.2\",\"action_id\":\"approve\"}"),
                404,
                "is gone");
        assertRefused(post("submit", "{\"user\":\"" + ada.id() + "\",\"view_id\":\"V404\"}"), 404, "not open");
        assertRefused(get("sandbox/api/click"), 405, "use POST");
        assertThat(app.received()).isEmpty();
    }

    @Test
    void aRequestUrlThatDoesNotAnswerIsA502ThatSaysSo() throws Exception {
        // given
        var posted =
                bot.chatPostMessage(r -> r.channel(ada.id()).text("Deploy?").blocks(decisionBlocks()));
        slack.requestUrl(URI.create("http://127.0.0.1:1/slack/events"));

        // when
        HttpResponse<String> answer = post(
                "click",
                "{\"user\":\"" + ada.id() + "\",\"channel\":\"" + posted.getChannel() + "\",\"ts\":\"" + posted.getTs()
                        + "\",\"action_id\":\"approve\"}");

        // then
        assertRefused(answer, 502, "did not answer");
    }

    // ---- helpers

    private void openReasonModal() throws Exception {
        String triggerId = GsonFactory.createSnakeCase()
                .fromJson(app.last().payload(), BlockActionPayload.class)
                .getTriggerId();
        var opened = bot.viewsOpen(r -> r.triggerId(triggerId)
                .view(view(v -> v.type("modal")
                        .callbackId("reject-reason")
                        .title(viewTitle(t -> t.type("plain_text").text("Reject request")))
                        .submit(viewSubmit(s -> s.type("plain_text").text("Reject")))
                        .blocks(List.of(input(i -> i.blockId("reason")
                                .label(plainText("Reason"))
                                .element(plainTextInput(
                                        p -> p.actionId("reason-text").multiline(true)))))))));
        assertThat(opened.isOk()).as(opened.getError()).isTrue();
    }

    private static List<LayoutBlock> decisionBlocks() {
        return List.of(
                section(s -> s.text(markdownText("*Deploy* to prod?"))),
                actions(a -> a.blockId("decision")
                        .elements(List.of(
                                button(b -> b.actionId("approve")
                                        .text(plainText("Approve"))
                                        .style("primary")
                                        .value("req-42")),
                                button(b -> b.actionId("reject")
                                        .text(plainText("Reject"))
                                        .style("danger")
                                        .value("req-42"))))));
    }

    private JsonObject state(EmulatedUser user, Long since) throws Exception {
        HttpResponse<String> answer =
                get("sandbox/api/state?user=" + user.id() + (since == null ? "" : "&since=" + since));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JsonParser.parseString(answer.body()).getAsJsonObject();
    }

    private static JsonObject conversation(JsonObject state, boolean im) {
        return StreamSupport.stream(state.getAsJsonArray("conversations").spliterator(), false)
                .map(JsonElement::getAsJsonObject)
                .filter(c -> c.get("is_im").getAsBoolean() == im)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + (im ? "DM" : "channel") + " in " + state));
    }

    private static List<String> texts(JsonObject conversation) {
        List<String> texts = new ArrayList<>();
        conversation
                .getAsJsonArray("messages")
                .forEach(m -> texts.add(m.getAsJsonObject().get("text").getAsString()));
        return texts;
    }

    private static void assertRefused(HttpResponse<String> answer, int status, String saying) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(JsonParser.parseString(answer.body())
                        .getAsJsonObject()
                        .get("error")
                        .getAsString())
                .contains(saying);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(slack.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String action, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(slack.sandboxUrl() + "api/" + action))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
