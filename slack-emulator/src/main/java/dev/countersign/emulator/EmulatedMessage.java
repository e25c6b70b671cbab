package dev.countersign.emulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.slack.api.model.block.LayoutBlock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A message as a Slack user would see it at the moment it was read from the emulator (a snapshot: later updates
 * do not change it; read it again to see them).
 *
 * @param channel     the conversation id ({@code C…}, or {@code D…} for a DM)
 * @param threadTs    the parent's ts when this is a reply in a thread, else {@code null}
 * @param blocksJson  the Block Kit blocks as JSON text (an array), {@code "[]"} when it has none
 * @param ephemeralTo the only user who sees it when it is ephemeral, else {@code null}
 * @param history     earlier versions, oldest first: one per update
 */
public record EmulatedMessage(
        String channel,
        String ts,
        String threadTs,
        String text,
        String blocksJson,
        String ephemeralTo,
        List<Revision> history,
        Instant postedAt) {

    public EmulatedMessage {
        history = List.copyOf(history);
    }

    /** A version of the message that a later update replaced. */
    public record Revision(String text, String blocksJson, Instant replacedAt) {}

    public int updateCount() {
        return history.size();
    }

    public boolean ephemeral() {
        return ephemeralTo != null;
    }

    /** The blocks parsed with the SDK's own Gson, as the app's renderer built them. */
    public List<LayoutBlock> blocks() {
        return SlackJson.layoutBlocks(blocksJson);
    }

    /** The action ids of the buttons a user can click now, in display order. */
    public List<String> buttons() {
        return SlackJson.actionIds(blocksArray(), "button");
    }

    public boolean hasButton(String actionId) {
        return buttons().contains(actionId);
    }

    /** The notification text followed by every text shown in the blocks, one per line: for "it says…" checks. */
    public String visibleText() {
        List<String> lines = new ArrayList<>();
        if (text != null && !text.isEmpty()) {
            lines.add(text);
        }
        lines.addAll(SlackJson.texts(blocksArray()));
        return String.join("\n", lines);
    }

    private JsonArray blocksArray() {
        JsonElement parsed = SlackJson.parse(blocksJson == null ? "[]" : blocksJson);
        return parsed != null && parsed.isJsonArray() ? parsed.getAsJsonArray() : new JsonArray();
    }
}
