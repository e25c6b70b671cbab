package dev.countersign.emulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Block Kit limits Slack enforces when it receives blocks, so an app that would be refused by Slack with
 * {@code invalid_blocks} is refused here too, plus what Slack adds on the way in (a block id on every block).
 */
final class BlockKitRules {

    static final int MAX_MESSAGE_BLOCKS = 50;
    static final int MAX_VIEW_BLOCKS = 100;
    static final int MAX_SECTION_TEXT = 3000;
    static final int MAX_HEADER_TEXT = 150;
    static final int MAX_BUTTON_TEXT = 75;
    static final int MAX_BUTTON_VALUE = 2000;
    static final int MAX_ID = 255;
    static final int MAX_ACTIONS_ELEMENTS = 25;
    static final int MAX_PRIVATE_METADATA = 3000;
    static final int MAX_VIEW_TITLE = 24;

    private int generatedIds;

    /** Parses a {@code blocks} parameter, checks it and gives each block a block id; throws invalid_blocks. */
    synchronized JsonArray checkedBlocks(String blocksParam, int maxBlocks) {
        JsonElement parsed = SlackJson.parse(blocksParam);
        if (parsed == null || !parsed.isJsonArray()) {
            throw new MethodError("invalid_blocks_format", List.of("[ERROR] blocks must be a JSON array"));
        }
        JsonArray blocks = parsed.getAsJsonArray().deepCopy();
        List<String> problems = new ArrayList<>();
        if (blocks.size() > maxBlocks) {
            problems.add("[ERROR] no more than " + maxBlocks + " items allowed [json-pointer:/blocks]");
        }
        Set<String> blockIds = new HashSet<>();
        for (int i = 0; i < blocks.size(); i++) {
            checkBlock(blocks.get(i), "/blocks/" + i, blockIds, problems);
        }
        if (!problems.isEmpty()) {
            throw new MethodError("invalid_blocks", problems);
        }
        return blocks;
    }

    private void checkBlock(JsonElement element, String pointer, Set<String> blockIds, List<String> problems) {
        if (!element.isJsonObject() || SlackJson.string(element.getAsJsonObject(), "type") == null) {
            problems.add("[ERROR] missing required field: type [json-pointer:" + pointer + "]");
            return;
        }
        JsonObject block = element.getAsJsonObject();
        String blockId = SlackJson.string(block, "block_id");
        if (blockId == null) {
            blockId = nextBlockId();
            block.addProperty("block_id", blockId);
        }
        if (blockId.length() > MAX_ID) {
            problems.add("[ERROR] must be less than " + MAX_ID + " characters [json-pointer:" + pointer + "/block_id]");
        }
        if (!blockIds.add(blockId)) {
            problems.add("[ERROR] duplicate block_id " + blockId + " [json-pointer:" + pointer + "/block_id]");
        }
        String type = SlackJson.string(block, "type");
        String text = SlackJson.string(SlackJson.object(block, "text"), "text");
        if ("section".equals(type) && text != null && text.length() > MAX_SECTION_TEXT) {
            problems.add("[ERROR] must be less than " + (MAX_SECTION_TEXT + 1) + " characters [json-pointer:" + pointer
                    + "/text/text]");
        }
        if ("header".equals(type) && text != null && text.length() > MAX_HEADER_TEXT) {
            problems.add("[ERROR] must be less than " + (MAX_HEADER_TEXT + 1) + " characters [json-pointer:" + pointer
                    + "/text/text]");
        }
        if ("actions".equals(type) && SlackJson.array(block, "elements").size() > MAX_ACTIONS_ELEMENTS) {
            problems.add("[ERROR] no more than " + MAX_ACTIONS_ELEMENTS + " items allowed [json-pointer:" + pointer
                    + "/elements]");
        }
        markEmoji(block);
        JsonArray single = new JsonArray();
        single.add(block);
        SlackJson.forEachElement(single, (owner, id, item) -> checkElement(item, pointer, problems));
    }

    private static void checkElement(JsonObject element, String pointer, List<String> problems) {
        String actionId = SlackJson.string(element, "action_id");
        if (actionId != null && actionId.length() > MAX_ID) {
            problems.add(
                    "[ERROR] must be less than " + MAX_ID + " characters [json-pointer:" + pointer + "/action_id]");
        }
        if (!"button".equals(SlackJson.string(element, "type"))) {
            return;
        }
        String label = SlackJson.string(SlackJson.object(element, "text"), "text");
        if (label == null || label.isEmpty()) {
            problems.add("[ERROR] missing required field: text [json-pointer:" + pointer + "]");
        } else if (label.length() > MAX_BUTTON_TEXT) {
            problems.add("[ERROR] must be less than " + (MAX_BUTTON_TEXT + 1) + " characters [json-pointer:" + pointer
                    + "/text/text]");
        }
        String value = SlackJson.string(element, "value");
        if (value != null && value.length() > MAX_BUTTON_VALUE) {
            problems.add("[ERROR] must be less than " + (MAX_BUTTON_VALUE + 1) + " characters [json-pointer:" + pointer
                    + "/value]");
        }
    }

    /** Slack stores every plain_text object with an explicit {@code "emoji": true} unless told otherwise. */
    private static void markEmoji(JsonElement element) {
        if (element.isJsonArray()) {
            element.getAsJsonArray().forEach(BlockKitRules::markEmoji);
        } else if (element.isJsonObject()) {
            JsonObject object = element.getAsJsonObject();
            if ("plain_text".equals(SlackJson.string(object, "type")) && !object.has("emoji")) {
                object.addProperty("emoji", true);
            }
            object.entrySet().forEach(entry -> markEmoji(entry.getValue()));
        }
    }

    /** Slack's generated block ids are short random strings; counting keeps them unique and reproducible. */
    private String nextBlockId() {
        generatedIds++;
        return "emu" + Integer.toString(generatedIds, 36);
    }
}
