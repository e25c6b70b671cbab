package dev.countersign.emulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code state.values} of a submitted modal, as Slack builds it from what the user typed: one entry per input
 * block, {@code block_id → action_id → {type, value}} (or {@code selected_option} for selects and radio buttons).
 */
final class ViewStates {

    private static final Set<String> CHOICES = Set.of("static_select", "radio_buttons");

    private ViewStates() {}

    /**
     * Refuses what a person could not do in Slack: fill in an input the modal does not have, or submit with a
     * required input left empty (Slack's client blocks the submit button then).
     */
    static JsonObject values(JsonObject view, Map<String, String> valuesByActionId) {
        Set<String> unknown = new LinkedHashSet<>(valuesByActionId.keySet());
        List<String> missing = new ArrayList<>();
        JsonObject values = new JsonObject();
        for (JsonElement blockElement : SlackJson.array(view, "blocks")) {
            JsonObject block = blockElement.getAsJsonObject();
            JsonObject element = SlackJson.object(block, "element");
            String actionId = SlackJson.string(element, "action_id");
            if (!"input".equals(SlackJson.string(block, "type")) || actionId == null) {
                continue;
            }
            unknown.remove(actionId);
            String value = valuesByActionId.get(actionId);
            boolean optional = block.has("optional") && block.get("optional").getAsBoolean();
            if ((value == null || value.isBlank()) && !optional) {
                missing.add(actionId);
            }
            JsonObject entry = new JsonObject();
            String type = SlackJson.string(element, "type");
            entry.addProperty("type", type);
            if (CHOICES.contains(type)) {
                if (value != null) {
                    entry.add("selected_option", option(element, value));
                }
            } else {
                entry.addProperty("value", value);
            }
            JsonObject byAction = new JsonObject();
            byAction.add(actionId, entry);
            values.add(SlackJson.string(block, "block_id"), byAction);
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("the modal has no input " + unknown);
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    "Slack would not let the user submit: required input " + missing + " is empty");
        }
        return values;
    }

    private static JsonObject option(JsonObject element, String value) {
        for (JsonElement option : SlackJson.array(element, "options")) {
            if (value.equals(SlackJson.string(option.getAsJsonObject(), "value"))) {
                return option.getAsJsonObject().deepCopy();
            }
        }
        throw new IllegalArgumentException(
                "input " + SlackJson.string(element, "action_id") + " has no option with value " + value);
    }
}
