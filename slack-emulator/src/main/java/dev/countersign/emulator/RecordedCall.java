package dev.countersign.emulator;

import java.time.Instant;
import java.util.Map;

/**
 * One Web API call the emulator received and what it answered.
 *
 * @param params form fields, or a JSON body's top-level fields (nested values as JSON text)
 * @param token  the bearer token or {@code token} parameter, {@code null} when none was sent
 */
public record RecordedCall(
        String method, Map<String, String> params, String token, int status, String responseBody, Instant time) {

    public String param(String name) {
        return params.get(name);
    }
}
