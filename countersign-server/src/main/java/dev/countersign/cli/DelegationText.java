package dev.countersign.cli;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Human-readable text for the API's delegation JSON, read leniently like {@link RequestView}. */
final class DelegationText {

    private DelegationText() {}

    static String render(JsonNode d) {
        StringBuilder text = new StringBuilder();
        text.append(text(d, "from")).append(" -> ").append(text(d, "to")).append('\n');
        row(text, "id", text(d, "id"));
        row(text, "status", text(d, "status"));
        row(text, "starts", text(d, "startsAt"));
        row(text, "ends", text(d, "endsAt"));
        row(text, "reason", text(d, "reason"));
        row(text, "created", text(d, "createdAt") + " by " + text(d, "createdBy"));
        if (d.path("revokedAt").isString()) {
            row(text, "revoked", text(d, "revokedAt") + " by " + text(d, "revokedBy"));
        }
        return text.toString();
    }

    static String renderPage(JsonNode page) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "STATUS", "FROM", "TO", "STARTS", "ENDS", "REASON"});
        for (JsonNode d : page.path("items")) {
            rows.add(new String[] {
                text(d, "id"),
                text(d, "status"),
                text(d, "from"),
                text(d, "to"),
                text(d, "startsAt"),
                text(d, "endsAt"),
                text(d, "reason")
            });
        }
        if (rows.size() == 1) {
            return "No delegations match.\n";
        }
        StringBuilder text = new StringBuilder(Columns.of(rows));
        JsonNode next = page.path("nextCursor");
        if (next.isString()) {
            text.append("More: countersign delegations --cursor ")
                    .append(next.stringValue())
                    .append(" (with the same filters)\n");
        }
        return text.toString();
    }

    private static void row(StringBuilder text, String name, String value) {
        if (!value.equals("-")) {
            text.append("  ")
                    .append(name)
                    .append(" ".repeat(Math.max(1, 10 - name.length())))
                    .append(value)
                    .append('\n');
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() && !value.stringValue().isBlank() ? value.stringValue() : "-";
    }
}
