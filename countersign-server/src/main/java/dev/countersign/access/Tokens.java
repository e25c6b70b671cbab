package dev.countersign.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * How tokens look and are kept: {@code cs_} and 256 random bits (base64url), so a leaked one is recognisable in
 * logs and by secret scanners; stored only as a SHA-256 hash, which for that much randomness needs no salt.
 */
final class Tokens {

    static final String PREFIX = "cs_";
    /** The shortest token Countersign accepts from configuration. */
    static final int MIN_LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {}

    static String newToken() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** A short random id for a client or a token (not a secret). */
    static String newId() {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    static String hash(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
