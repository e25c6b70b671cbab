package dev.countersign.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final String KEY = "secret-box-test-key-5c1f0e9d8b7a6f4e";
    private static final String BOT_TOKEN = "xoxb-secret-box-test-1a2b3c";

    private final SecretBox box = new SecretBox(KEY);

    @Test
    void aSealedValueOpensAsItsOwnSettingAndIsNotKeptInClear() {
        // when
        String sealed = box.seal(Setting.SLACK_BOT_TOKEN, BOT_TOKEN);

        // then
        assertThat(sealed).startsWith("v2:").doesNotContain(BOT_TOKEN);
        assertThat(box.open(Setting.SLACK_BOT_TOKEN, sealed)).isEqualTo(BOT_TOKEN);
        assertThat(box.seal(Setting.SLACK_BOT_TOKEN, BOT_TOKEN)).isNotEqualTo(sealed);
    }

    @Test
    void aValueSealedAsTheBotTokenDoesNotOpenAsTheSigningSecret() {
        // given: someone who can write the table copies the bot token's row to the signing secret's
        String sealed = box.seal(Setting.SLACK_BOT_TOKEN, BOT_TOKEN);

        // when / then
        assertThatThrownBy(() -> box.open(Setting.SLACK_SIGNING_SECRET, sealed))
                .isInstanceOf(SettingsUnavailable.class)
                .hasMessageContaining("the stored slackSigningSecret does not open")
                .hasMessageContaining("stored for another setting")
                .hasMessageNotContaining(BOT_TOKEN);
    }

    @Test
    void aValueSealedBeforeSettingsWereBoundInStillOpens() {
        // given: the v1 format, as the previous version wrote it (no associated data)
        String old = sealedTheOldWay(KEY, BOT_TOKEN);

        // when / then
        assertThat(box.open(Setting.SLACK_BOT_TOKEN, old)).isEqualTo(BOT_TOKEN);
    }

    @Test
    void aValueSealedUnderAnotherKeyOrAlteredDoesNotOpen() {
        // given
        String sealed = box.seal(Setting.SLACK_BOT_TOKEN, BOT_TOKEN);
        byte[] bytes = Base64.getDecoder().decode(sealed.substring("v2:".length()));
        bytes[bytes.length - 1] ^= 1;
        String altered = "v2:" + Base64.getEncoder().encodeToString(bytes);

        // when / then
        assertThatThrownBy(() ->
                        new SecretBox("another-key-for-the-same-database-0000").open(Setting.SLACK_BOT_TOKEN, sealed))
                .isInstanceOf(SettingsUnavailable.class)
                .hasMessageContaining("does not open");
        assertThatThrownBy(() -> box.open(Setting.SLACK_BOT_TOKEN, altered)).isInstanceOf(SettingsUnavailable.class);
        assertThatThrownBy(() -> box.open(Setting.SLACK_BOT_TOKEN, "v9:abc"))
                .isInstanceOf(SettingsUnavailable.class)
                .hasMessageContaining("unknown format");
    }

    @Test
    void aKeyShorterThan32CharactersIsRefusedWithHowToMakeOneButNotTheKey() {
        String short31 = "0123456789abcdef0123456789abcde";

        assertThatThrownBy(() -> new SecretBox(short31))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("COUNTERSIGN_SECRET_KEY must be at least 32 characters")
                .hasMessageContaining("openssl rand -base64 32")
                .hasMessageNotContaining(short31);
        assertThat(new SecretBox(short31 + "f").seal(Setting.SLACK_BOT_TOKEN, BOT_TOKEN))
                .startsWith("v2:");
    }

    /** What {@code SecretBox} wrote before the setting's name was bound in: same key, same cipher, no AAD. */
    private static String sealedTheOldWay(String secretKey, String plain) {
        try {
            var spec = new PBEKeySpec(
                    secretKey.toCharArray(),
                    "countersign-admin-settings".getBytes(StandardCharsets.UTF_8),
                    210_000,
                    256);
            var key = new SecretKeySpec(
                    SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                            .generateSecret(spec)
                            .getEncoded(),
                    "AES");
            byte[] nonce = new byte[12];
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return "v1:" + Base64.getEncoder().encodeToString(out);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
