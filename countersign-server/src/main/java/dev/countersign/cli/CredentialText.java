package dev.countersign.cli;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** How the CLI prints API clients and personal tokens: never a token except the one just created. */
final class CredentialText {

    private CredentialText() {}

    static String clients(JsonNode clients) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "NAME", "SCOPES", "STATE", "LAST USED"});
        clients.forEach(c -> rows.add(new String[] {
            c.path("id").asString(),
            c.path("name").asString(),
            String.join(
                    ",", c.path("scopes").valueStream().map(JsonNode::asString).toList()),
            state(c),
            c.path("lastUsedAt").asString("never")
        }));
        return clients.isEmpty() ? "No API clients.\n" : Columns.of(rows);
    }

    static String tokens(JsonNode tokens) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "PERSON", "NAME", "STATE", "LAST USED"});
        tokens.forEach(t -> rows.add(new String[] {
            t.path("id").asString(),
            t.path("email").asString(),
            t.path("name").asString(),
            state(t),
            t.path("lastUsedAt").asString("never")
        }));
        return tokens.isEmpty() ? "No personal tokens.\n" : Columns.of(rows);
    }

    /**
     * A credential just created: the token alone goes to stdout, so that
     * {@code COUNTERSIGN_TOKEN=$(countersign tokens create …)} works; what it is goes to stderr.
     */
    static void printCreated(Output output, String what, JsonNode credential) {
        output.note(what + " " + credential.path("id").asString() + " created; its token is shown only now, "
                + "and stored only as a hash:");
        output.result(credential, credential.path("token").asString() + "\n");
    }

    static String revoked(String what, JsonNode credential) {
        return what + " " + credential.path("id").asString() + " is revoked (since "
                + credential.path("revokedAt").asString() + ").\n";
    }

    private static String state(JsonNode credential) {
        return credential.path("active").asBoolean() ? "active" : "revoked";
    }
}
