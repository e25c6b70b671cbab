package dev.countersign.emulator;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewTitle;
import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.app_backend.SlackSignature;
import com.slack.api.app_backend.events.payload.AppHomeOpenedPayload;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.views.ViewsPublishResponse;
import com.slack.api.util.json.GsonFactory;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulator's App Home ({@code views.publish}, {@code app_home_opened}) and slash commands, in Slack's format. */
class HomeTabAndCommandsTest {

    private SlackEmulator slack;
    private SdkClient sdk;
    private MethodsClient bot;
    private RequestUrlReceiver app;
    private EmulatedUser ada;

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
        sdk.close();
        slack.close();
        app.close();
    }

    private boolean signed(RequestUrlReceiver.Received received) {
        return new SlackSignature.Verifier(new SlackSignature.Generator(slack.signingSecret()))
                .isValid(
                        received.header("X-Slack-Request-Timestamp"),
                        received.body(),
                        received.header("X-Slack-Signature"));
    }

    @Test
    void viewsPublishShowsTheViewOnTheUsersHomeTabAndKeepsItsIdAcrossPublishes() throws Exception {
        // when
        ViewsPublishResponse first = bot.viewsPublish(r -> r.userId(ada.id())
                .view(view(v -> v.type("home").blocks(List.of(header(h -> h.text(plainText("Your approvals"))))))));
        ViewsPublishResponse second = bot.viewsPublish(r -> r.userId(ada.id())
                .view(view(v -> v.type("home")
                        .blocks(List.of(
                                section(s -> s.text(markdownText("Nothing waits for you"))),
                                actions(a -> a.elements(List.of(button(b -> b.actionId("approve")
                                        .text(plainText("Approve"))
                                        .value("x"))))))))));

        // then
        assertThat(first.isOk()).as(first.getError()).isTrue();
        assertThat(second.isOk()).isTrue();
        assertThat(second.getView().getId()).isEqualTo(first.getView().getId());
        assertThat(second.getView().getType()).isEqualTo("home");
        HomeTab home = slack.home(ada.id()).orElseThrow();
        assertThat(home.publishCount()).isEqualTo(2);
        assertThat(home.visibleText()).contains("Nothing waits for you").doesNotContain("Your approvals");
        assertThat(home.buttons()).containsExactly("approve");
    }

    @Test
    void viewsPublishRefusesAModalAnUnknownUserAndAStaleHash() throws Exception {
        ViewsPublishResponse modal = bot.viewsPublish(r -> r.userId(ada.id())
                .view(view(v -> v.type("modal")
                        .title(viewTitle(t -> t.type("plain_text").text("No")))
                        .blocks(List.of()))));
        ViewsPublishResponse nobody = bot.viewsPublish(r ->
                r.userId("U0NOBODY").view(view(v -> v.type("home").blocks(List.of()))));
        bot.viewsPublish(r -> r.userId(ada.id()).view(view(v -> v.type("home").blocks(List.of()))));
        ViewsPublishResponse stale = bot.viewsPublish(r ->
                r.userId(ada.id()).hash("1.stale").view(view(v -> v.type("home").blocks(List.of()))));

        assertThat(modal.getError()).isEqualTo("invalid_arguments");
        assertThat(nobody.getError()).isEqualTo("user_not_found");
        assertThat(stale.getError()).isEqualTo("hash_conflict");
        assertThat(slack.home(ada.id()).orElseThrow().publishCount()).isEqualTo(1);
    }

    @Test
    void openingTheHomeTabSendsASignedAppHomeOpenedEvent() {
        // when
        slack.openHome(ada);

        // then: JSON, signed, parsed by the SDK as the event it is
        RequestUrlReceiver.Received received = app.last();
        assertThat(received.header("Content-Type")).startsWith("application/json");
        assertThat(signed(received)).isTrue();
        AppHomeOpenedPayload payload =
                GsonFactory.createSnakeCase().fromJson(received.body(), AppHomeOpenedPayload.class);
        assertThat(payload.getType()).isEqualTo("event_callback");
        assertThat(payload.getEvent().getType()).isEqualTo("app_home_opened");
        assertThat(payload.getEvent().getUser()).isEqualTo(ada.id());
        assertThat(payload.getEvent().getTab()).isEqualTo("home");
        assertThat(payload.getEvent().getChannel())
                .isEqualTo(slack.imOf(ada.id()).orElseThrow());
        assertThat(payload.getTeamId()).isEqualTo(slack.settings().teamId());
    }

    @Test
    void aSlashCommandIsASignedFormInSlacksFieldOrderAndItsAnswerIsShownOnlyToTheTypist() {
        // given: the app answers with an ephemeral message
        String channel = slack.addChannel("#ops");
        app.answering(request -> new RequestUrlReceiver.Answer(
                200,
                "{\"response_type\":\"ephemeral\",\"text\":\"2 waiting\",\"blocks\":[{\"type\":\"section\","
                        + "\"text\":{\"type\":\"mrkdwn\",\"text\":\"*2 waiting* for you\"}}]}"));

        // when
        InteractionResponse response = slack.slashCommand(ada, channel, "/approvals", "help me");

        // then
        assertThat(response.status()).isEqualTo(200);
        RequestUrlReceiver.Received received = app.last();
        assertThat(signed(received)).isTrue();
        assertThat(received.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        Map<String, String> form = Arrays.stream(received.body().split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(
                        p -> p[0],
                        p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8),
                        (a, b) -> a,
                        java.util.LinkedHashMap::new));
        assertThat(form.keySet())
                .containsExactly(
                        "token",
                        "team_id",
                        "team_domain",
                        "channel_id",
                        "channel_name",
                        "user_id",
                        "user_name",
                        "command",
                        "text",
                        "api_app_id",
                        "is_enterprise_install",
                        "response_url",
                        "trigger_id");
        assertThat(form)
                .containsEntry("command", "/approvals")
                .containsEntry("text", "help me")
                .containsEntry("user_id", ada.id())
                .containsEntry("channel_id", channel)
                .containsEntry("channel_name", "ops");
        assertThat(slack.ephemerals(ada.id()))
                .singleElement()
                .satisfies(m -> assertThat(m.visibleText()).contains("*2 waiting* for you"));
        assertThat(slack.messages(channel)).isEmpty();
    }

    @Test
    void aSlashCommandAnswerWithInvalidBlocksShowsSlacksErrorInstead() {
        String channel = slack.addChannel("#ops");
        app.answering(request -> new RequestUrlReceiver.Answer(
                200,
                "{\"text\":\"x\",\"blocks\":[{\"type\":\"divider\",\"block_id\":\"same\"},"
                        + "{\"type\":\"divider\",\"block_id\":\"same\"}]}"));

        slack.slashCommand(ada, channel, "/approvals", "");

        assertThat(slack.ephemerals(ada.id()))
                .singleElement()
                .satisfies(m -> assertThat(m.text()).contains("/approvals failed with the error \"invalid_blocks\""));
    }
}
