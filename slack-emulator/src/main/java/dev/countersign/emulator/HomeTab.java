package dev.countersign.emulator;

import com.google.gson.JsonArray;
import com.slack.api.model.view.View;
import java.time.Instant;
import java.util.List;

/**
 * What a user sees on the app's Home tab: the view last published for them with {@code views.publish} (a snapshot).
 *
 * @param viewJson     the view as Slack answered it (with its id and hash)
 * @param publishCount how many times a view was published for this user
 */
public record HomeTab(String userId, String viewJson, int publishCount, Instant publishedAt) {

    /** The view parsed with the SDK's own Gson. */
    public View view() {
        return SlackJson.SDK.fromJson(viewJson, View.class);
    }

    public String id() {
        return SlackJson.string(SlackJson.parseObject(viewJson).orElseThrow(), "id");
    }

    /** Every text shown in the blocks, one per line. */
    public String visibleText() {
        return String.join("\n", SlackJson.texts(blocks()));
    }

    /** The action ids of the buttons, in display order. */
    public List<String> buttons() {
        return SlackJson.actionIds(blocks(), "button");
    }

    private JsonArray blocks() {
        return SlackJson.array(SlackJson.parseObject(viewJson).orElseThrow(), "blocks");
    }
}
