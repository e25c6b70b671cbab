package dev.countersign.slack;

import dev.countersign.Durations;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How sure Countersign must be of who clicked in Slack.
 *
 * @param allowGuests {@code COUNTERSIGN_SLACK_ALLOW_GUESTS}: whether workspace guests (multi- and single-channel)
 *                    may decide from Slack; off by default, since a guest is usually someone from outside
 * @param identityTtl {@code COUNTERSIGN_SLACK_IDENTITY_TTL}: how long an answer of {@code users.info} (who a Slack
 *                    user is) and of {@code users.lookupByEmail} (who has an email) is trusted before Slack is
 *                    asked again; a changed email, a deactivated account or a guest's new role is noticed after
 *                    at most this long
 */
@ConfigurationProperties("countersign.slack")
public record SlackIdentitySettings(boolean allowGuests, Duration identityTtl) {

    public SlackIdentitySettings {
        if (identityTtl == null || identityTtl.isZero() || identityTtl.isNegative()) {
            throw new IllegalArgumentException("COUNTERSIGN_SLACK_IDENTITY_TTL must be more than zero (e.g. 1h)");
        }
    }

    /** From the configuration: the TTL as people type durations elsewhere (30m, 1h, 1h30m, PT1H). */
    @ConstructorBinding
    public SlackIdentitySettings(@DefaultValue("false") boolean allowGuests, @DefaultValue("1h") String identityTtl) {
        this(allowGuests, ttl(identityTtl));
    }

    private static Duration ttl(String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            // The cause adds nothing to its own message, which is all an operator needs.
            throw new IllegalArgumentException("COUNTERSIGN_SLACK_IDENTITY_TTL: " + e.getMessage());
        }
    }
}
