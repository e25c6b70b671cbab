package dev.countersign.settings;

import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Seals secrets for storage: AES-256-GCM with a fresh 96-bit nonce per value, under a key derived from
 * {@code COUNTERSIGN_SECRET_KEY} (PBKDF2, so that a passphrase works as well as random bytes). GCM also
 * authenticates: a value sealed under another key, or altered in the database, does not open.
 */
final class SecretBox {

    private static final String FORMAT = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Fixed: the key already is the secret, the salt only separates this use of it from any other. */
    private static final byte[] SALT = "countersign-admin-settings".getBytes(StandardCharsets.UTF_8);
    private static final int ITERATIONS = 210_000;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SecretBox(String secretKey) {
        try {
            var spec = new PBEKeySpec(secretKey.toCharArray(), SALT, ITERATIONS, 256);
            byte[] derived = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            this.key = new SecretKeySpec(derived, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot derive AES keys", e);
        }
    }

    String seal(String plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return FORMAT + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not seal a secret", e);
        }
    }

    /** @throws SettingsUnavailable when the value was sealed under another key or altered */
    String open(String stored) {
        if (!stored.startsWith(FORMAT)) {
            throw new SettingsUnavailable("a stored secret is in an unknown format");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(FORMAT.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SettingsUnavailable("a stored secret does not open with COUNTERSIGN_SECRET_KEY: it was stored "
                    + "under another key, or changed in the database");
        }
    }
}
