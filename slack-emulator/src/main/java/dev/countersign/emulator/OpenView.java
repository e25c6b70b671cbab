package dev.countersign.emulator;

import com.google.gson.JsonObject;
import com.slack.api.model.view.View;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A modal open in front of a user, as Slack stores it after {@code views.open} / {@code views.update}.
 *
 * @param viewJson the view as Slack answered it (with its id, hash, generated block ids and state)
 */
public record OpenView(
        String id,
        String userId,
        String callbackId,
        String privateMetadata,
        String hash,
        String viewJson,
        Instant openedAt) {

    /** The view parsed with the SDK's own Gson. */
    public View view() {
        return SlackJson.SDK.fromJson(viewJson, View.class);
    }

    public String title() {
        return SlackJson.string(SlackJson.object(json(), "title"), "text");
    }

    /** The action ids of the inputs the user can fill in, in display order. */
    public List<String> inputs() {
        List<String> ids = new ArrayList<>();
        for (var block : SlackJson.array(json(), "blocks")) {
            if (block.isJsonObject() && "input".equals(SlackJson.string(block.getAsJsonObject(), "type"))) {
                String actionId = SlackJson.string(SlackJson.object(block.getAsJsonObject(), "element"), "action_id");
                if (actionId != null) {
                    ids.add(actionId);
                }
            }
        }
        return ids;
    }

    JsonObject json() {
        return SlackJson.parseObject(viewJson).orElseGet(JsonObject::new);
    }
}
