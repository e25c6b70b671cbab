package dev.countersign.emulator;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.chat.ChatPostEphemeralResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.methods.response.conversations.ConversationsOpenResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.methods.response.users.UsersLookupByEmailResponse;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.ButtonElement;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Web API methods the app uses, called through the real SDK client: answers, stored effects, error codes. */
class WebApiMethodsTest {

    private SlackEmulator slack;
    private SdkClient sdk;
    private MethodsClient bot;
    private EmulatedUser ada;

    @BeforeEach
    void start() {
        slack = SlackEmulator.start(EmulatorSettings.defaults());
        sdk = new SdkClient(slack);
        bot = sdk.bot();
        ada = slack.addUser("ada.lovelace", "ada@example.com");
    }

    @AfterEach
    void stop() throws Exception {
        sdk.close();
        slack.close();
    }

    @Test
    void authTestDescribesTheBotAndTheWorkspace() throws Exception {
        // when
        AuthTestResponse answer = bot.authTest(r -> r);

        // then
        assertThat(answer.isOk()).isTrue();
        assertThat(answer.getTeamId()).isEqualTo("T0EMULATED");
        assertThat(answer.getUserId()).isEqualTo("U0EMULBOT");
        assertThat(answer.getBotId()).isEqualTo("B0EMULBOT");
        assertThat(answer.getUrl()).isEqualTo("https://countersign-emulated.slack.com/");
    }

    @Test
    void everyAnswerCarriesTheGrantedScopes() throws Exception {
        // given
        slack.close();
        slack = SlackEmulator.start(EmulatorSettings.defaults().withGrantedScopes(List.of("chat:write")));
        sdk = new SdkClient(slack);

        // when
        AuthTestResponse ok = sdk.bot().authTest(r -> r);
        AuthTestResponse refused = sdk.withToken("xoxb-wrong").authTest(r -> r);

        // then
        assertThat(ok.getHttpResponseHeaders().get("x-oauth-scopes")).containsExactly("chat:write");
        assertThat(refused.getHttpResponseHeaders().get("x-oauth-scopes")).containsExactly("chat:write");
    }

    @Test
    void defaultScopesAreWhatCountersignNeeds() throws Exception {
        // when
        AuthTestResponse answer = bot.authTest(r -> r);

        // then
        assertThat(answer.getHttpResponseHeaders().get("x-oauth-scopes"))
                .containsExactly("chat:write,im:write,im:history,users:read,users:read.email,commands");
    }

    @Test
    void refusesCallsWithoutTokenOrWithTheWrongOne() throws Exception {
        // when
        // (the SDK without a token sends "Bearer null", which Slack treats as a wrong token)
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> missing = http.send(
                HttpRequest.newBuilder(URI.create(slack.apiUrl() + "auth.test"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        AuthTestResponse nullToken = sdk.withToken(null).authTest(r -> r);
        AuthTestResponse wrong = sdk.withToken("xoxb-not-the-bot").authTest(r -> r);
        var postedWithWrongToken = sdk.withToken("xoxb-not-the-bot")
                .chatPostMessage(r -> r.channel(ada.id()).text("hello"));

        // then
        assertThat(missing.statusCode()).isEqualTo(200);
        assertThat(missing.body()).isEqualTo("{\"ok\":false,\"error\":\"not_authed\"}");
        assertThat(nullToken.getError()).isEqualTo("invalid_auth");
        assertThat(wrong.getError()).isEqualTo("invalid_auth");
        assertThat(postedWithWrongToken.getError()).isEqualTo("invalid_auth");
        assertThat(slack.dms(ada.id())).isEmpty();
        assertThat(slack.calls("auth.test")).extracting(RecordedCall::status).containsOnly(200);
        http.close();
    }

    @Test
    void acceptsTheTokenAsAParameterAndJsonBodies() throws Exception {
        // given
        HttpClient http = HttpClient.newHttpClient();
        String json = """
                {"channel":"%s","text":"hi","blocks":[{"type":"section","text":{"type":"mrkdwn","text":"*hi*"}}]}
                """.formatted(ada.id());

        // when
        HttpResponse<String> formWithToken = http.send(
                HttpRequest.newBuilder(URI.create(slack.apiUrl() + "auth.test"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("token=" + slack.botToken()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> jsonPost = http.send(
                HttpRequest.newBuilder(URI.create(slack.apiUrl() + "chat.postMessage"))
                        .header("Content-Type", "application/json; charset=utf-8")
                        .header("Authorization", "Bearer " + slack.botToken())
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(formWithToken.body()).startsWith("{\"ok\":true");
        assertThat(jsonPost.body()).startsWith("{\"ok\":true");
        RecordedCall call = slack.calls("chat.postMessage").getFirst();
        assertThat(call.param("blocks")).startsWith("[{\"type\":\"section\"");
        assertThat(call.token()).isEqualTo(slack.botToken());
        assertThat(slack.dms(ada.id()))
                .singleElement()
                .satisfies(message -> assertThat(message.visibleText()).isEqualTo("hi\n*hi*"));
        http.close();
    }

    @Test
    void answersUnknownMethodsWithUnknownMethod() throws Exception {
        // when
        var answer = bot.channelsHistory(r -> r.channel("C1"));

        // then
        assertThat(answer.getError()).isEqualTo("unknown_method");
    }

    @Test
    void findsUsersByEmailAndById() throws Exception {
        // when
        UsersLookupByEmailResponse byEmail = bot.usersLookupByEmail(r -> r.email("ADA@example.com"));
        UsersInfoResponse byId = bot.usersInfo(r -> r.user(ada.id()));
        UsersLookupByEmailResponse unknownEmail = bot.usersLookupByEmail(r -> r.email("nobody@example.com"));
        UsersInfoResponse unknownId = bot.usersInfo(r -> r.user("U99999999"));

        // then
        assertThat(byEmail.getUser().getId()).isEqualTo(ada.id()).startsWith("U");
        assertThat(byEmail.getUser().getProfile().getEmail()).isEqualTo("ada@example.com");
        assertThat(byEmail.getUser().getProfile().getRealName()).isEqualTo("Ada Lovelace");
        assertThat(byEmail.getUser().getProfile().getDisplayName()).isEqualTo("ada.lovelace");
        assertThat(byEmail.getUser().getTeamId()).isEqualTo("T0EMULATED");
        assertThat(byEmail.getUser().isBot()).isFalse();
        assertThat(byEmail.getUser().isDeleted()).isFalse();
        assertThat(byId.getUser().getName()).isEqualTo("ada.lovelace");
        assertThat(byId.getUser().getRealName()).isEqualTo("Ada Lovelace");
        assertThat(unknownEmail.getError()).isEqualTo("users_not_found");
        assertThat(unknownId.getError()).isEqualTo("user_not_found");
    }

    @Test
    void opensTheSameDmForAUserEveryTime() throws Exception {
        // when
        ConversationsOpenResponse first = bot.conversationsOpen(r -> r.users(List.of(ada.id())));
        ConversationsOpenResponse second = bot.conversationsOpen(r -> r.users(List.of(ada.id())));
        ConversationsOpenResponse unknown = bot.conversationsOpen(r -> r.users(List.of("U99999999")));

        // then
        assertThat(first.getChannel().getId()).startsWith("D");
        assertThat(second.getChannel().getId()).isEqualTo(first.getChannel().getId());
        assertThat(second.isAlreadyOpen()).isTrue();
        assertThat(slack.imOf(ada.id())).contains(first.getChannel().getId());
        assertThat(unknown.getError()).isEqualTo("user_not_found");
    }

    @Test
    void postsToAChannelByIdOrNameAndToAUserThroughTheirDm() throws Exception {
        // given
        String deploys = slack.addChannel("deploys");

        // when
        ChatPostMessageResponse byId =
                bot.chatPostMessage(r -> r.channel(deploys).text("one"));
        ChatPostMessageResponse byName =
                bot.chatPostMessage(r -> r.channel("deploys").text("two"));
        ChatPostMessageResponse byHashName =
                bot.chatPostMessage(r -> r.channel("#deploys").text("three"));
        ChatPostMessageResponse toUser =
                bot.chatPostMessage(r -> r.channel(ada.id()).text("for ada"));

        // then
        assertThat(List.of(byId, byName, byHashName))
                .extracting(ChatPostMessageResponse::getChannel)
                .containsOnly(deploys);
        assertThat(slack.messages(deploys)).extracting(EmulatedMessage::text).containsExactly("one", "two", "three");
        assertThat(toUser.getChannel())
                .startsWith("D")
                .isEqualTo(slack.imOf(ada.id()).orElseThrow());
        assertThat(slack.dms(ada.id())).extracting(EmulatedMessage::text).containsExactly("for ada");
    }

    @Test
    void givesEveryMessageAUniqueIncreasingTs() throws Exception {
        // given
        String deploys = slack.addChannel("deploys");

        // when
        List<String> ts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ts.add(bot.chatPostMessage(r -> r.channel(deploys).text("burst")).getTs());
        }

        // then
        assertThat(ts).allMatch(t -> t.matches("\\d{10}\\.\\d{6}")).doesNotHaveDuplicates();
        assertThat(ts).isSortedAccordingTo(Comparator.comparing(BigDecimal::new));
    }

    @Test
    void answersTheMessageWithItsBlocksAndStoresThem() throws Exception {
        // given
        List<LayoutBlock> blocks = List.of(
                section(s -> s.text(markdownText("*Deploy* to prod?"))),
                actions(a -> a.blockId("decision")
                        .elements(List.of(
                                button(b -> b.actionId("approve")
                                        .text(plainText("Approve"))
                                        .value("req-1")
                                        .style("primary")),
                                button(b -> b.actionId("reject")
                                        .text(plainText("Reject"))
                                        .value("req-1")
                                        .style("danger"))))));

        // when
        ChatPostMessageResponse answer =
                bot.chatPostMessage(r -> r.channel(ada.id()).text("Deploy?").blocks(blocks));

        // then
        assertThat(answer.isOk()).isTrue();
        assertThat(answer.getTs()).matches("\\d{10}\\.\\d{6}");
        assertThat(answer.getMessage().getText()).isEqualTo("Deploy?");
        assertThat(answer.getMessage().getBlocks()).hasSize(2);
        EmulatedMessage stored = slack.dms(ada.id()).getFirst();
        assertThat(stored.ts()).isEqualTo(answer.getTs());
        assertThat(stored.buttons()).containsExactly("approve", "reject");
        assertThat(stored.blocks().get(1))
                .isInstanceOfSatisfying(
                        ActionsBlock.class,
                        actionsBlock -> assertThat(actionsBlock.getElements())
                                .first()
                                .isInstanceOfSatisfying(
                                        ButtonElement.class,
                                        button -> assertThat(button.getValue()).isEqualTo("req-1")));
        assertThat(stored.blocks().getFirst().getBlockId())
                .as("Slack gives every block an id")
                .isNotBlank();
    }

    @Test
    void refusesMessagesSlackWouldRefuse() throws Exception {
        // given
        String longLabel = "x".repeat(76);

        // when
        var unknownChannel = bot.chatPostMessage(r -> r.channel("C99999999").text("lost"));
        var noText = bot.chatPostMessage(r -> r.channel(ada.id()));
        var badButton = bot.chatPostMessage(r -> r.channel(ada.id())
                .text("t")
                .blocks(List.of(actions(a ->
                        a.elements(List.of(button(b -> b.actionId("a").text(plainText(longLabel)))))))));

        // then
        assertThat(unknownChannel.getError()).isEqualTo("channel_not_found");
        assertThat(noText.getError()).isEqualTo("no_text");
        assertThat(badButton.getError()).isEqualTo("invalid_blocks");
        assertThat(badButton.getResponseMetadata().getMessages())
                .singleElement()
                .asString()
                .contains("less than 76 characters");
        assertThat(slack.dms(ada.id())).isEmpty();
    }

    @Test
    void keepsThreadRepliesInTheirThread() throws Exception {
        // given
        String deploys = slack.addChannel("deploys");
        String parent =
                bot.chatPostMessage(r -> r.channel(deploys).text("request")).getTs();

        // when
        bot.chatPostMessage(r -> r.channel(deploys).threadTs(parent).text("approved by ada"));

        // then
        assertThat(slack.messages(deploys)).extracting(EmulatedMessage::text).containsExactly("request");
        assertThat(slack.thread(deploys, parent))
                .extracting(EmulatedMessage::text)
                .containsExactly("request", "approved by ada");
        assertThat(slack.thread(deploys, parent).getLast().threadTs()).isEqualTo(parent);
    }

    @Test
    void updatesAMessageInPlaceAndKeepsItsHistory() throws Exception {
        // given
        ChatPostMessageResponse posted = bot.chatPostMessage(r -> r.channel(ada.id())
                .text("pending")
                .blocks(List.of(actions(a ->
                        a.elements(List.of(button(b -> b.actionId("approve").text(plainText("Approve")))))))));

        // when
        ChatUpdateResponse updated = bot.chatUpdate(r -> r.channel(posted.getChannel())
                .ts(posted.getTs())
                .text("approved")
                .blocks(List.of(section(s -> s.text(markdownText("Approved by ada"))))));
        ChatUpdateResponse unknown = bot.chatUpdate(
                r -> r.channel(posted.getChannel()).ts("1.000001").text("x"));

        // then
        assertThat(updated.isOk()).isTrue();
        assertThat(updated.getTs()).isEqualTo(posted.getTs());
        assertThat(updated.getText()).isEqualTo("approved");
        assertThat(unknown.getError()).isEqualTo("message_not_found");
        EmulatedMessage message = slack.dms(ada.id()).getFirst();
        assertThat(message.text()).isEqualTo("approved");
        assertThat(message.buttons()).isEmpty();
        assertThat(message.updateCount()).isEqualTo(1);
        assertThat(message.history().getFirst().text()).isEqualTo("pending");
    }

    @Test
    void updatingOnlyTheTextKeepsTheBlocks() throws Exception {
        // given
        ChatPostMessageResponse posted = bot.chatPostMessage(r -> r.channel(ada.id())
                .text("v1")
                .blocks(List.of(actions(a ->
                        a.elements(List.of(button(b -> b.actionId("approve").text(plainText("Approve")))))))));

        // when
        bot.chatUpdate(r -> r.channel(posted.getChannel()).ts(posted.getTs()).text("v2"));

        // then
        EmulatedMessage message = slack.dms(ada.id()).getFirst();
        assertThat(message.text()).isEqualTo("v2");
        assertThat(message.buttons()).containsExactly("approve");
    }

    @Test
    void showsAnEphemeralOnlyToItsUser() throws Exception {
        // given
        String deploys = slack.addChannel("deploys");
        EmulatedUser grace = slack.addUser("grace", "grace@example.com");

        // when
        ChatPostEphemeralResponse answer =
                bot.chatPostEphemeral(r -> r.channel(deploys).user(ada.id()).text("only you can see this"));
        ChatPostEphemeralResponse unknownUser =
                bot.chatPostEphemeral(r -> r.channel(deploys).user("U99999999").text("nobody"));

        // then
        assertThat(answer.getMessageTs()).matches("\\d{10}\\.\\d{6}");
        assertThat(slack.ephemerals(ada.id())).singleElement().satisfies(message -> {
            assertThat(message.text()).isEqualTo("only you can see this");
            assertThat(message.channel()).isEqualTo(deploys);
            assertThat(message.ephemeral()).isTrue();
        });
        assertThat(slack.ephemerals(grace.id())).isEmpty();
        assertThat(slack.messages(deploys)).isEmpty();
        assertThat(unknownUser.getError()).isEqualTo("user_not_found");
    }

    @Test
    void resetForgetsMessagesAndCallsButKeepsTheDirectory() throws Exception {
        // given
        String deploys = slack.addChannel("deploys");
        bot.chatPostMessage(r -> r.channel(deploys).text("before"));
        slack.failNext("auth.test", 1, Failure.httpStatus(500));

        // when
        slack.reset();

        // then
        assertThat(slack.messages(deploys)).isEmpty();
        assertThat(slack.calls()).isEmpty();
        assertThat(bot.authTest(r -> r).isOk()).as("faults are forgotten too").isTrue();
        assertThat(bot.usersLookupByEmail(r -> r.email("ada@example.com"))
                        .getUser()
                        .getId())
                .isEqualTo(ada.id());
        assertThat(bot.chatPostMessage(r -> r.channel("#deploys").text("after")).getChannel())
                .isEqualTo(deploys);
    }

    @Test
    void historyShowsTopLevelMessagesNewestFirstWithTheMetadataTheyWerePostedWith() throws Exception {
        // given
        var metadata = new com.slack.api.model.Message.Metadata();
        metadata.setEventType("order_placed");
        metadata.setEventPayload(java.util.Map.of("order", "42"));
        String dm = bot.chatPostMessage(r -> r.channel(ada.id()).text("first")).getChannel();
        String marked = bot.chatPostMessage(
                        r -> r.channel(ada.id()).text("marked").metadata(metadata))
                .getTs();
        bot.chatPostMessage(r -> r.channel(dm).threadTs(marked).text("a reply"));

        // when
        var plain = bot.conversationsHistory(r -> r.channel(dm));
        var withMetadata = bot.conversationsHistory(r -> r.channel(dm).includeAllMetadata(true));
        var firstPage = bot.conversationsHistory(r -> r.channel(dm).limit(1));
        var secondPage = bot.conversationsHistory(r ->
                r.channel(dm).limit(1).cursor(firstPage.getResponseMetadata().getNextCursor()));
        var afterMarked = bot.conversationsHistory(r -> r.channel(dm).oldest(marked));

        // then
        assertThat(plain.getMessages())
                .extracting(com.slack.api.model.Message::getText)
                .containsExactly("marked", "first");
        assertThat(plain.getMessages().getFirst().getMetadata()).isNull();
        assertThat(withMetadata.getMessages().getFirst().getMetadata().getEventType())
                .isEqualTo("order_placed");
        assertThat(withMetadata.getMessages().getFirst().getMetadata().getEventPayload())
                .containsEntry("order", "42");
        assertThat(firstPage.isHasMore()).isTrue();
        assertThat(firstPage.getMessages())
                .extracting(com.slack.api.model.Message::getText)
                .containsExactly("marked");
        assertThat(secondPage.getMessages())
                .extracting(com.slack.api.model.Message::getText)
                .containsExactly("first");
        assertThat(secondPage.isHasMore()).isFalse();
        assertThat(afterMarked.getMessages()).isEmpty();
    }

    @Test
    void metadataWithoutAnEventTypeIsRefused() throws Exception {
        // when
        var refused =
                bot.chatPostMessage(r -> r.channel(ada.id()).text("x").metadataAsString("{\"event_payload\":{}}"));

        // then
        assertThat(refused.getError()).isEqualTo("invalid_metadata_format");
        assertThat(slack.dms(ada.id())).isEmpty();
    }
}
