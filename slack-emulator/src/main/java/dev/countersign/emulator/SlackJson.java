package dev.countersign.emulator;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** JSON the way the Slack SDK reads and writes it, and the few walks over Block Kit JSON the emulator needs. */
final class SlackJson {

    /** The SDK's own snake-case Gson: what it serializes, the SDK can parse back. */
    static final Gson SDK = GsonFactory.createSnakeCase();

    private static final java.lang.reflect.Type BLOCK_LIST = new TypeToken<List<LayoutBlock>>() {}.getType();

    private SlackJson() {}

    static JsonElement parse(String json) {
        try {
            return JsonParser.parseString(json);
        } catch (JsonParseException e) {
            return null;
        }
    }

    static Optional<JsonObject> parseObject(String json) {
        JsonElement element = json == null ? null : parse(json);
        return element != null && element.isJsonObject() ? Optional.of(element.getAsJsonObject()) : Optional.empty();
    }

    static List<LayoutBlock> layoutBlocks(String blocksJson) {
        if (blocksJson == null || blocksJson.isBlank()) {
            return List.of();
        }
        List<LayoutBlock> blocks = SDK.fromJson(blocksJson, BLOCK_LIST);
        return blocks == null ? List.of() : List.copyOf(blocks);
    }

    static String string(JsonObject object, String member) {
        JsonElement value = object == null ? null : object.get(member);
        return value == null || value.isJsonNull() || !value.isJsonPrimitive() ? null : value.getAsString();
    }

    static JsonObject object(JsonObject object, String member) {
        JsonElement value = object == null ? null : object.get(member);
        return value != null && value.isJsonObject() ? value.getAsJsonObject() : null;
    }

    static JsonArray array(JsonObject object, String member) {
        JsonElement value = object == null ? null : object.get(member);
        return value != null && value.isJsonArray() ? value.getAsJsonArray() : new JsonArray();
    }

    /** A block's interactive elements: an actions block's elements, a section's accessory, an input's element. */
    static void forEachElement(JsonArray blocks, ElementVisitor visitor) {
        for (JsonElement blockElement : blocks) {
            if (!blockElement.isJsonObject()) {
                continue;
            }
            JsonObject block = blockElement.getAsJsonObject();
            String blockId = string(block, "block_id");
            Consumer<JsonElement> visit = element -> {
                if (element != null && element.isJsonObject()) {
                    visitor.visit(block, blockId, element.getAsJsonObject());
                }
            };
            array(block, "elements").forEach(visit);
            visit.accept(block.get("accessory"));
            visit.accept(block.get("element"));
        }
    }

    static Optional<FoundElement> findElement(JsonArray blocks, String type, String actionId) {
        List<FoundElement> found = new ArrayList<>();
        forEachElement(blocks, (block, blockId, element) -> {
            if ((type == null || type.equals(string(element, "type")))
                    && actionId.equals(string(element, "action_id"))) {
                found.add(new FoundElement(block, blockId, element));
            }
        });
        return found.stream().findFirst();
    }

    static List<String> actionIds(JsonArray blocks, String type) {
        List<String> ids = new ArrayList<>();
        forEachElement(blocks, (block, blockId, element) -> {
            if ((type == null || type.equals(string(element, "type"))) && string(element, "action_id") != null) {
                ids.add(string(element, "action_id"));
            }
        });
        return ids;
    }

    /** Every text a reader sees in the blocks: section/header/context texts and fields, button labels. */
    static List<String> texts(JsonArray blocks) {
        List<String> texts = new ArrayList<>();
        for (JsonElement blockElement : blocks) {
            if (blockElement.isJsonObject()) {
                collectTexts(blockElement.getAsJsonObject(), texts);
            }
        }
        return texts;
    }

    private static void collectTexts(JsonElement element, List<String> texts) {
        if (element.isJsonArray()) {
            element.getAsJsonArray().forEach(child -> collectTexts(child, texts));
        } else if (element.isJsonObject()) {
            JsonObject object = element.getAsJsonObject();
            String type = string(object, "type");
            if (("plain_text".equals(type) || "mrkdwn".equals(type)) && string(object, "text") != null) {
                texts.add(string(object, "text"));
                return;
            }
            object.entrySet().forEach(entry -> collectTexts(entry.getValue(), texts));
        }
    }

    @FunctionalInterface
    interface ElementVisitor {
        void visit(JsonObject block, String blockId, JsonObject element);
    }

    record FoundElement(JsonObject block, String blockId, JsonObject element) {}
}
