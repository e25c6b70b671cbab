package dev.countersign.approval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * A caller's key for "create this at most once", with a fingerprint of what they asked for, so that a retry is
 * recognised and a different request under a reused key is refused.
 */
public record IdempotencyKey(String key, String fingerprint) {

    public static final int MAX_LENGTH = 255;

    public IdempotencyKey {
        if (key == null || key.isBlank() || key.length() > MAX_LENGTH) {
            throw new InvalidApprovalRequest("Idempotency-Key must be 1 to " + MAX_LENGTH + " characters");
        }
    }

    /**
     * The key for submitting {@code spec}. The fingerprint is taken over the request as understood (field order,
     * letter case of emails and spacing of the JSON do not matter), not over the bytes sent.
     */
    public static IdempotencyKey of(String key, RequestSpec spec) {
        RequestSpec canonical = new RequestSpec(spec.type(), spec.title(), spec.description(),
                new TreeMap<>(spec.fields()), spec.requester(), spec.levels(), spec.mode(), spec.executors(),
                spec.channel(), spec.expiresAfter(), spec.callbackUrl());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return new IdempotencyKey(key, HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
