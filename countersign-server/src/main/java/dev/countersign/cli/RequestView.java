package dev.countersign.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import tools.jackson.databind.JsonNode;

/**
 * Human-readable text for the API's request JSON. Reads the JSON leniently (a missing field is left out) so an
 * older CLI keeps working against a newer server.
 */
final class RequestView {

    private RequestView() {}

    static String render(JsonNode request) {
        StringBuilder text = new StringBuilder();
        text.append(orDash(string(request, "title"))).append('\n');
        row(text, "id", string(request, "id"));
        row(text, "status", string(request, "status"));
        row(text, "level", currentLevel(request));
        row(text, "mode", string(request, "mode"));
        row(text, "type", string(request, "type"));
        row(text, "requester", string(request, "requester"));
        row(text, "description", string(request, "description"));
        row(text, "fields", fields(request.path("fields")));
        row(text, "executors", strings(request.path("executors")));
        row(text, "channel", string(request, "channel"));
        row(
                text,
                "executable",
                request.path("executable").isBoolean()
                        ? (request.path("executable").booleanValue() ? "yes" : "no")
                        : null);
        row(text, "created", string(request, "createdAt"));
        row(text, "decided", string(request, "decidedAt"));
        row(text, "expires", string(request, "expiresAt"));
        row(text, "details", string(request.path("links"), "details"));
        levels(text, request.path("levels"));
        decisions(text, request.path("decisions"));
        execution(text, request.path("execution"));
        deliveryProblems(text, request.path("deliveryProblems"));
        return text.toString();
    }

    /** One line per request, newest first as the server orders them, and how to fetch the next page. */
    static String renderPage(JsonNode page) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "STATUS", "LEVEL", "TYPE", "REQUESTER", "CREATED", "TITLE"});
        for (JsonNode item : page.path("items")) {
            rows.add(new String[] {
                orDash(string(item, "id")),
                orDash(string(item, "status")),
                orDash(currentLevel(item)),
                orDash(string(item, "type")),
                orDash(string(item, "requester")),
                orDash(string(item, "createdAt")),
                orDash(string(item, "title"))
            });
        }
        if (rows.size() == 1) {
            return "No requests match.\n";
        }
        StringBuilder text = new StringBuilder(Columns.of(rows));
        String nextCursor = string(page, "nextCursor");
        if (nextCursor != null) {
            text.append("More: countersign list --cursor ").append(nextCursor).append(" (with the same filters)\n");
        }
        return text.toString();
    }

    private static String currentLevel(JsonNode request) {
        JsonNode current = request.path("currentLevel");
        if (!current.isNumber()) {
            return null;
        }
        return current.asInt() + " of " + request.path("levels").size();
    }

    private static void levels(StringBuilder text, JsonNode levels) {
        if (levels.isEmpty()) {
            return;
        }
        text.append("Levels\n");
        int number = 1;
        for (JsonNode level : levels) {
            JsonNode approvers = level.path("approvers");
            JsonNode required = level.path("required");
            String rule = (required.isNumber() ? required.asString() : orDash(string(level, "required"))) + " of "
                    + approvers.size();
            text.append(String.format(
                    "  %d. %-9s %s required: %s%n",
                    number++, orDash(string(level, "status")), rule, orDash(strings(approvers))));
        }
    }

    private static void decisions(StringBuilder text, JsonNode decisions) {
        if (decisions.isEmpty()) {
            return;
        }
        text.append("Decisions\n");
        for (JsonNode decision : decisions) {
            StringBuilder line = new StringBuilder("  ").append(orDash(string(decision, "approver")));
            String onBehalfOf = string(decision, "onBehalfOf");
            if (onBehalfOf != null) {
                line.append(" on behalf of ").append(onBehalfOf);
            }
            line.append(' ').append(verdict(string(decision, "verdict")));
            String reason = string(decision, "reason");
            if (reason != null) {
                line.append(": \"").append(reason).append('"');
            }
            line.append(" (")
                    .append(joined(string(decision, "at"), viaText(string(decision, "via"))))
                    .append(')');
            text.append(line).append('\n');
        }
    }

    private static void execution(StringBuilder text, JsonNode execution) {
        if (!execution.isObject()) {
            return;
        }
        text.append("Execution\n  ")
                .append(orDash(string(execution, "executor")))
                .append(" executed it (")
                .append(joined(string(execution, "at"), viaText(string(execution, "via"))))
                .append(")\n");
    }

    /** Who was not told, so that the requester can reach them another way. */
    private static void deliveryProblems(StringBuilder text, JsonNode problems) {
        if (!problems.isArray() || problems.isEmpty()) {
            return;
        }
        text.append("Not delivered\n");
        for (JsonNode problem : problems) {
            text.append("  ")
                    .append(orDash(string(problem, "recipient")))
                    .append(": ")
                    .append(orDash(string(problem, "problem")))
                    .append('\n');
        }
    }

    private static String verdict(String verdict) {
        return switch (verdict == null ? "" : verdict) {
            case "approve" -> "approved";
            case "reject" -> "rejected";
            default -> orDash(verdict);
        };
    }

    private static String viaText(String via) {
        return via == null ? null : "via " + via;
    }

    private static String joined(String first, String second) {
        if (first == null) {
            return orDash(second);
        }
        return second == null ? first : first + ", " + second;
    }

    private static String fields(JsonNode fields) {
        if (!fields.isObject() || fields.isEmpty()) {
            return null;
        }
        StringJoiner text = new StringJoiner(", ");
        for (Map.Entry<String, JsonNode> field : fields.properties()) {
            JsonNode value = field.getValue();
            text.add(field.getKey() + "=" + (value.isString() ? value.stringValue() : value.toString()));
        }
        return text.toString();
    }

    private static String strings(JsonNode array) {
        if (!array.isArray() || array.isEmpty()) {
            return null;
        }
        StringJoiner text = new StringJoiner(", ");
        array.forEach(element -> text.add(element.isString() ? element.stringValue() : element.toString()));
        return text.toString();
    }

    /** A labelled line; the longest label, "description", still gets a space before its value. */
    private static void row(StringBuilder text, String label, String value) {
        if (value != null) {
            text.append("  ").append(pad(label, 12)).append(value).append('\n');
        }
    }

    private static String string(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isString()) {
            return value.stringValue().isBlank() ? null : value.stringValue();
        }
        return value.isNumber() || value.isBoolean() ? value.asString() : null;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    private static String orDash(String text) {
        return text == null ? "-" : text;
    }
}
