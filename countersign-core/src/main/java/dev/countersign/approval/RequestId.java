package dev.countersign.approval;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/** Identifies a request. 128 random bits: ids appear in links and must not be guessable. */
public record RequestId(String value) {

    private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public RequestId {
        Objects.requireNonNull(value, "id");
        if (!SHAPE.matcher(value).matches()) {
            throw new RequestNotFound(value);
        }
    }

    public static RequestId random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new RequestId(HexFormat.of().formatHex(bytes));
    }

    @Override
    public String toString() {
        return value;
    }
}
