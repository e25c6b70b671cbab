package dev.countersign.cli;

import tools.jackson.databind.JsonNode;

/**
 * The request as it stands after a change (decision, cancellation, execution). The API answers such calls with
 * the updated request; should an answer carry no request (e.g. 204), the CLI fetches it, so the output is the same
 * either way.
 */
final class RequestAfterChange {

    private RequestAfterChange() {}

    static JsonNode of(CountersignClient client, String id, JsonNode answer) {
        return answer.path("status").isString() && answer.path("id").isString() ? answer : client.get(id);
    }
}
