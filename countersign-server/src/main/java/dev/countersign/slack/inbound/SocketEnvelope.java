package dev.countersign.slack.inbound;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;

/**
 * The head of a Socket Mode message: its envelope id, its type ({@code interactive}, {@code slash_commands},
 * {@code events_api}, or {@code hello}/{@code disconnect}, which carry no id) and its payload's type
 * ({@code block_actions}, {@code view_submission}, …). Read with a streaming reader that skips everything else, so
 * that a click can be acknowledged before anything builds the payload it carries.
 */
record SocketEnvelope(String envelopeId, String type, String payloadType) {

    /** Empty for anything that is not a JSON object naming an envelope id and a type. */
    static Optional<SocketEnvelope> read(String message) {
        String id = null;
        String type = null;
        String payloadType = null;
        try (JsonReader json = new JsonReader(new StringReader(message))) {
            json.beginObject();
            while (json.hasNext()) {
                String name = json.nextName();
                if (name.equals("envelope_id") && json.peek() == JsonToken.STRING) {
                    id = json.nextString();
                } else if (name.equals("type") && json.peek() == JsonToken.STRING) {
                    type = json.nextString();
                } else if (name.equals("payload") && json.peek() == JsonToken.BEGIN_OBJECT) {
                    payloadType = typeOf(json);
                } else {
                    json.skipValue();
                }
            }
        } catch (IOException | IllegalStateException | NumberFormatException malformed) {
            return Optional.empty();
        }
        return id == null || type == null ? Optional.empty() : Optional.of(new SocketEnvelope(id, type, payloadType));
    }

    private static String typeOf(JsonReader json) throws IOException {
        String type = null;
        json.beginObject();
        while (json.hasNext()) {
            if (json.nextName().equals("type") && json.peek() == JsonToken.STRING) {
                type = json.nextString();
            } else {
                json.skipValue();
            }
        }
        json.endObject();
        return type;
    }
}
