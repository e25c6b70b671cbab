package dev.countersign.slack.delivery;

import dev.countersign.approval.Email;
import dev.countersign.slack.SlackIdentitySettings;
import dev.countersign.slack.render.Mentions;
import dev.countersign.slack.render.SlackText;
import dev.countersign.slack.store.SlackUsersOnRecord;
import dev.countersign.slack.store.SlackUsersOnRecord.OnRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The Slack user id of each email ({@code users.lookupByEmail}), kept on record so that it is at hand for mentions
 * and DMs. An answer is trusted for the identity TTL only ({@code COUNTERSIGN_SLACK_IDENTITY_TTL}), then asked again:
 * people change their email, are deactivated, or become guests. "No such account" is remembered for a shorter
 * while: people join workspaces.
 */
public class SlackUserIds implements Mentions {

    private static final Duration REMEMBER_MISSING = Duration.ofMinutes(10);

    private final SlackUsersOnRecord onRecord;
    private final SlackApi slack;
    private final Clock clock;
    private final Duration ttl;
    /** Mentions are drawn for every approver on every redraw: known ids are kept in memory, not read each time. */
    private final ConcurrentMap<Email, String> usersByEmail = new ConcurrentHashMap<>();

    SlackUserIds(SlackUsersOnRecord onRecord, SlackApi slack, Clock clock, SlackIdentitySettings settings) {
        this.onRecord = onRecord;
        this.slack = slack;
        this.clock = clock;
        this.ttl = settings.identityTtl();
    }

    /**
     * The Slack user id for this email, asking Slack when not known (or known longer than the TTL); empty when none
     * exists. For notifications: while Slack is unavailable, the id on record is used even when stale.
     */
    Optional<String> userIdOf(Email email, String requestId) {
        return userIdOf(email, requestId, true);
    }

    /**
     * As {@link #userIdOf(Email, String)}, but never a stale answer: for who may decide.
     *
     * @throws SlackCallFailed when Slack cannot be asked now
     */
    public Optional<String> freshUserIdOf(Email email) {
        return userIdOf(email, null, false);
    }

    private Optional<String> userIdOf(Email email, String requestId, boolean staleWhenSlackIsDown) {
        Optional<OnRecord> known = onRecord.of(email);
        Instant now = clock.instant();
        if (known.isPresent()) {
            OnRecord entry = known.get();
            Duration remember = entry.userId() == null ? shorter(REMEMBER_MISSING, ttl) : ttl;
            if (entry.lookedUpAt().plus(remember).isAfter(now)) {
                return Optional.ofNullable(entry.userId());
            }
        }
        Optional<String> userId;
        try {
            userId = slack.userIdOf(email, requestId);
        } catch (SlackCallFailed e) {
            // A stale answer beats none while Slack is unavailable, for a DM; never for who may decide.
            if (staleWhenSlackIsDown
                    && e.retryable()
                    && known.isPresent()
                    && known.get().userId() != null) {
                return Optional.of(known.get().userId());
            }
            throw e;
        }
        remember(email, userId.orElse(null), now);
        return userId;
    }

    /** The user id already on record, without asking Slack: for mentions in messages (stale is fine there). */
    Optional<String> knownUserIdOf(Email email) {
        String cached = usersByEmail.get(email);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<String> stored = onRecord.of(email).map(OnRecord::userId);
        stored.ifPresent(userId -> usersByEmail.put(email, userId));
        return stored;
    }

    /** How to name someone in a message: a mention when Slack knows them, else their email. */
    @Override
    public String mention(Email email) {
        return knownUserIdOf(email).map(id -> "<@" + id + ">").orElse(SlackText.escape(email.value()));
    }

    private void remember(Email email, String userId, Instant at) {
        onRecord.remember(email, userId, at);
        if (userId != null) {
            usersByEmail.put(email, userId);
        } else {
            usersByEmail.remove(email);
        }
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
