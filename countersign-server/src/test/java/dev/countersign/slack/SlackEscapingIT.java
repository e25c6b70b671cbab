package dev.countersign.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.countersign.api.NewRequestBody;
import dev.countersign.emulator.EmulatedMessage;
import dev.countersign.emulator.RecordedCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A request whose title tries to ping the channel, hide a link and draw a fake "Approved" line reaches Slack as
 * text: escaped in chat.postMessage's {@code text} and blocks, on one line, and so is a rejection's reason.
 */
class SlackEscapingIT extends SlackEndToEnd {

    private static final String TITLE = "<!channel> <https://x.example|click>\n:white_check_mark: *Approved by Dave*";
    private static final String SHOWN =
            "&lt;!channel&gt; &lt;https://x.example|click&gt; " + ":white_check_mark: *Approved by Dave*";

    @Test
    void aHostileTitleAndReasonArePostedEscapedAndCannotDrawALineOfTheirOwn() {
        // given: a request to a channel, asking bob
        String channelName = "escaping-" + team.alice().id().toLowerCase();
        String channelId = slack.addChannel(channelName);
        String id = api.create(NewRequestBody.request(TITLE, team.alice().email())
                        .level(1, team.bob().email())
                        .with("description", "Routine.\n<!here> :white_check_mark: *Approved*")
                        .with("channel", "#" + channelName))
                .path("id")
                .asString();

        // when: Slack is asked to post it
        List<RecordedCall> posts = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> slack.calls("chat.postMessage").stream()
                                .filter(c -> c.param("blocks") != null
                                        && c.param("blocks").contains(id))
                                .toList(),
                        calls -> calls.size() >= 2);

        // then: in the channel post and bob's DM, the text and every block show it escaped, on one line
        for (RecordedCall post : posts) {
            assertThat(post.param("text")).contains(SHOWN).doesNotContain("<!channel>", "<https://x.example");
            assertThat(post.param("text")).doesNotContain("\n");
            List<Text> texts = texts(JsonParser.parseString(post.param("blocks")));
            // mrkdwn is escaped; plain text (the header, the confirm dialog) is shown by Slack exactly as typed
            assertThat(texts)
                    .filteredOn(t -> t.type().equals("mrkdwn"))
                    .anySatisfy(t -> assertThat(t.text()).contains("> &lt;!here&gt; :white_check_mark:"))
                    .allSatisfy(t -> assertThat(t.text())
                            .doesNotContain("<!channel>", "<!here>", "<https://x.example", "\n:white_check_mark:"));
            assertThat(texts)
                    .filteredOn(t -> t.type().equals("header"))
                    .singleElement()
                    .satisfies(t -> assertThat(t.text()).isEqualTo(TITLE.replace("\n", " ")));
        }
        EmulatedMessage inChannel = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> slack.messages(channelId).stream()
                                .filter(m -> m.blocksJson().contains(id))
                                .findFirst()
                                .orElse(null),
                        m -> m != null);
        assertThat(inChannel.visibleText().lines())
                .noneMatch(line -> line.startsWith(":white_check_mark:"))
                .contains("> Routine.");

        // when: bob rejects with a reason that tries the same
        api.decide(id, team.bob().email(), "reject", "no <!here>\n:white_check_mark: *Approved by Dave*");

        // then: the thread and the redrawn post quote it, escaped
        List<String> thread = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> slack.thread(channelId, inChannel.ts()).stream()
                                .map(EmulatedMessage::text)
                                .toList(),
                        lines -> lines.stream().anyMatch(line -> line.contains("Rejected by")));
        String rejection = thread.stream()
                .filter(line -> line.contains("Rejected by"))
                .findFirst()
                .orElseThrow();
        assertThat(rejection)
                .contains("\n> no &lt;!here&gt;\n> :white_check_mark: *Approved by Dave*")
                .doesNotContain("<!here>");
        EmulatedMessage after = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> slack.message(channelId, inChannel.ts()).orElseThrow(),
                        m -> m.visibleText().contains("Rejected"));
        assertThat(after.visibleText().lines())
                .noneMatch(line -> line.startsWith(":white_check_mark:"))
                .contains("> no &lt;!here&gt;");
    }

    /** A text as sent: {@code type} is the text object's ("mrkdwn", "plain_text"), or "header" for a header's. */
    record Text(String type, String text) {}

    private static List<Text> texts(JsonElement element) {
        List<Text> texts = new ArrayList<>();
        if (element.isJsonArray()) {
            element.getAsJsonArray().forEach(item -> texts.addAll(texts(item)));
        } else if (element.isJsonObject()) {
            JsonObject object = element.getAsJsonObject();
            boolean header =
                    object.has("type") && object.get("type").getAsString().equals("header");
            if (object.has("text") && object.get("text").isJsonPrimitive()) {
                texts.add(new Text(
                        object.get("type").getAsString(), object.get("text").getAsString()));
            }
            object.entrySet()
                    .forEach(entry -> texts.addAll(texts(entry.getValue()).stream()
                            .map(t -> header && entry.getKey().equals("text") ? new Text("header", t.text()) : t)
                            .toList()));
        }
        return texts;
    }
}
