package dev.countersign.approval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;
import java.util.function.Consumer;

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
     * letter case of emails and spacing of the JSON do not matter), not over the bytes sent. Every value is
     * length-prefixed, so no choice of text in one field can imitate another field's.
     */
    public static IdempotencyKey of(String key, RequestSpec spec) {
        StringBuilder canonical = new StringBuilder();
        Consumer<Object> add = value -> {
            String text = String.valueOf(value);
            canonical.append(value == null ? -1 : text.length()).append(':').append(value == null ? "" : text);
        };
        add.accept(spec.type());
        add.accept(spec.title());
        add.accept(spec.description());
        add.accept(spec.fields().size());
        new TreeMap<>(spec.fields()).forEach((name, value) -> {
            add.accept(name);
            add.accept(value);
        });
        add.accept(spec.requester());
        add.accept(spec.levels().size());
        for (ApprovalLevel level : spec.levels()) {
            add.accept(level.required());
            add.accept(level.approvers().size());
            level.approvers().forEach(add);
        }
        add.accept(spec.mode());
        add.accept(spec.executors().size());
        spec.executors().forEach(add);
        add.accept(spec.channel());
        add.accept(spec.expiresAfter());
        add.accept(spec.callbackUrl());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return new IdempotencyKey(key, HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
