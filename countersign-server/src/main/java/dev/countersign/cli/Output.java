package dev.countersign.cli;

import java.io.PrintWriter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a command's results go: stdout gets the result (the server's JSON, pretty, with {@code --json}; text
 * otherwise), stderr gets progress notes and errors, so that {@code --json} output can be piped into {@code jq}.
 */
final class Output {

    private static final JsonMapper PRETTY =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;

    Output(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    void request(JsonNode request) {
        print(request, RequestView.render(request));
    }

    void page(JsonNode page) {
        print(page, RequestView.renderPage(page));
    }

    void delegation(JsonNode delegation) {
        print(delegation, DelegationText.render(delegation));
    }

    void delegations(JsonNode page) {
        print(page, DelegationText.renderPage(page));
    }

    /** Any other result: the server's JSON with {@code --json}, else this text. */
    void result(JsonNode node, String text) {
        print(node, text);
    }

    /** A progress note or warning on stderr, kept out of the result on stdout. */
    void note(String message) {
        err.println(message);
        err.flush();
    }

    private void print(JsonNode node, String text) {
        out.print(json ? PRETTY.writeValueAsString(node) + System.lineSeparator() : text);
        out.flush();
    }
}
