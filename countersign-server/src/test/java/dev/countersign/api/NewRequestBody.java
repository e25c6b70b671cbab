package dev.countersign.api;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON body of {@code POST /api/v1/requests}, built field by field as a caller would write it. */
public final class NewRequestBody {

    private final ObjectNode json = ApiClient.JSON.createObjectNode();

    private NewRequestBody(String title, String requester) {
        json.put("type", "deploy").put("title", title).put("requester", requester);
        json.putArray("levels");
    }

    public static NewRequestBody request(String title, String requester) {
        return new NewRequestBody(title, requester);
    }

    /** A level where {@code required} of the approvers must approve. */
    public NewRequestBody level(int required, String... approvers) {
        approvers(approvers).put("required", required);
        return this;
    }

    /** A level where all approvers must approve. */
    public NewRequestBody levelOfAll(String... approvers) {
        approvers(approvers).put("required", "all");
        return this;
    }

    private ObjectNode approvers(String... approvers) {
        ObjectNode level = ((ArrayNode) json.get("levels")).addObject();
        ArrayNode list = level.putArray("approvers");
        for (String approver : approvers) {
            list.add(approver);
        }
        return level;
    }

    public NewRequestBody urgent() {
        json.put("mode", "urgent");
        return this;
    }

    public NewRequestBody executors(String... executors) {
        ArrayNode list = json.putArray("executors");
        for (String executor : executors) {
            list.add(executor);
        }
        return this;
    }

    public NewRequestBody with(String field, String value) {
        json.put(field, value);
        return this;
    }

    public NewRequestBody field(String name, String value) {
        json.withObjectProperty("fields").put(name, value);
        return this;
    }

    /** Reminders for this request: every {@code every} (ISO-8601), at most {@code max}, then the contacts. */
    public NewRequestBody reminders(String every, Integer max, String... escalateTo) {
        ObjectNode reminders = json.putObject("reminders");
        if (every != null) {
            reminders.put("every", every);
        }
        if (max != null) {
            reminders.put("max", max);
        }
        if (escalateTo.length > 0) {
            ArrayNode contacts = reminders.putArray("escalateTo");
            for (String contact : escalateTo) {
                contacts.add(contact);
            }
        }
        return this;
    }

    public String json() {
        return json.toString();
    }

    @Override
    public String toString() {
        return json();
    }
}
