package dev.countersign.slack.inbound;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The {@code type} of an interactivity payload ({@code block_actions}, {@code view_submission}, …), read without
 * building the payload: the reader skips everything else, so this costs a fraction of a full parse.
 */
final class InteractionType {

    private static final String FIELD = "payload=";

    private InteractionType() {}

    /** Empty for anything that is not a form with a JSON {@code payload} whose top level names a type. */
    static Optional<String> of(String body) {
        if (body == null || !body.startsWith(FIELD) || body.indexOf('&') >= 0) {
            return Optional.empty();
        }
        try (JsonReader json = new JsonReader(
                new StringReader(URLDecoder.decode(body.substring(FIELD.length()), StandardCharsets.UTF_8)))) {
            json.beginObject();
            while (json.hasNext()) {
                if (json.nextName().equals("type") && json.peek() == JsonToken.STRING) {
                    return Optional.of(json.nextString());
                }
                json.skipValue();
            }
            return Optional.empty();
        } catch (IOException | IllegalArgumentException | IllegalStateException malformed) {
            return Optional.empty();
        }
    }
}
