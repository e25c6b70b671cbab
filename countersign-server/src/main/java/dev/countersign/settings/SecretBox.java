package dev.countersign.settings;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets for storage: AES-256-GCM with a fresh 96-bit nonce per value, under a key derived from
 * {@code COUNTERSIGN_SECRET_KEY} (PBKDF2, so that a passphrase works as well as random bytes). GCM also
 * authenticates: a value sealed under another key, or altered in the database, does not open. The name of the
 * setting is bound in as associated data ({@code v2:}), so a value sealed as one setting does not open as another:
 * whoever can write the table cannot make the bot token be read as the signing secret by copying a row.
 * Values sealed before that ({@code v1:}, no associated data) still open, and are sealed as {@code v2:} the next
 * time they are stored.
 */
final class SecretBox {

    private static final String FORMAT = "v2:";
    private static final String UNBOUND_FORMAT = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Fixed: the key already is the secret, the salt only separates this use of it from any other. */
    private static final byte[] SALT = "countersign-admin-settings".getBytes(StandardCharsets.UTF_8);

    private static final int ITERATIONS = 210_000;

    /**
     * Shorter is more likely a password than a key: PBKDF2 slows a guesser down, it does not make a short key long.
     * {@code openssl rand -base64 32} makes 44 characters, 256 random bits.
     */
    static final int MIN_KEY_LENGTH = 32;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /** @throws IllegalArgumentException when the key is too short to be a key (the message never holds it) */
    SecretBox(String secretKey) {
        if (secretKey.strip().length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("COUNTERSIGN_SECRET_KEY must be at least " + MIN_KEY_LENGTH
                    + " characters long, so that the secrets it seals cannot be guessed: generate one with "
                    + "`openssl rand -base64 32`, and set the same key on every instance. (Changing the key makes "
                    + "secrets stored with the old one unreadable: store them again afterwards.)");
        }
        try {
            var spec = new PBEKeySpec(secretKey.toCharArray(), SALT, ITERATIONS, 256);
            byte[] derived = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
            this.key = new SecretKeySpec(derived, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot derive AES keys", e);
        }
    }

    /** Seals {@code plain} as {@code setting}'s value: it opens only as that setting. */
    String seal(Setting setting, String plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(setting));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return FORMAT + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not seal a secret", e);
        }
    }

    /**
     * Opens a value stored as {@code setting}'s.
     *
     * @throws SettingsUnavailable when the value was sealed under another key or for another setting, or altered
     */
    String open(Setting setting, String stored) {
        boolean bound = stored.startsWith(FORMAT);
        if (!bound && !stored.startsWith(UNBOUND_FORMAT)) {
            throw new SettingsUnavailable("the stored " + setting.apiName() + " is in an unknown format");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(stored.indexOf(':') + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            if (bound) {
                cipher.updateAAD(associatedData(setting));
            }
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SettingsUnavailable("the stored " + setting.apiName() + " does not open with "
                    + "COUNTERSIGN_SECRET_KEY: it was stored under another key, stored for another setting, or changed "
                    + "in the database; store it again");
        }
    }

    /** The name the row is stored under, which is what a copied value would have to lie about. */
    private static byte[] associatedData(Setting setting) {
        return ("countersign-setting:" + setting.name()).getBytes(StandardCharsets.UTF_8);
    }
}
