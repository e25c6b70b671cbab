package dev.countersign.slack;

import com.slack.api.model.User;
import dev.countersign.approval.ApprovalException;
import dev.countersign.approval.Email;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Who is who between Countersign (emails) and Slack (user ids). Answers from {@code users.lookupByEmail} are kept
 * in the database, so the Slack user id is on record for mentions and DMs; answers from {@code users.info} in
 * memory. Both are trusted for the identity TTL only ({@code COUNTERSIGN_SLACK_IDENTITY_TTL}), then asked again:
 * people change their email, are deactivated, or become guests. "No such account" is remembered for a shorter
 * while: people join workspaces.
 *
 * <p>Whoever clicks is {@linkplain #identify identified} strictly: a fresh answer from Slack (never a stale one,
 * even while Slack is unavailable), a person of the installed workspace, and an email that leads back to the same
 * Slack user.
 */
class SlackPeople {

    private static final Duration REMEMBER_MISSING = Duration.ofMinutes(10);

    private record Entry(String userId, Instant lookedUpAt) {
    }

    /** What {@code users.info} said about a Slack user, and when. */
    record Account(String userId, String teamId, String email, boolean bot, boolean deleted, boolean guest,
                   boolean stranger, boolean emailConfirmed, Instant lookedUpAt) {

        static Account of(User user, Instant at) {
            String email = user.getProfile() == null ? null : user.getProfile().getEmail();
            boolean bot = user.isBot() || (user.getProfile() != null && user.getProfile().getBotId() != null
                    && !user.getProfile().getBotId().isBlank());
            return new Account(user.getId(), user.getTeamId(), email == null || email.isBlank() ? null : email.strip(),
                    bot, user.isDeleted(), user.isRestricted() || user.isUltraRestricted(), user.isStranger(),
                    user.isEmailConfirmed(), at);
        }
    }

    /** Who clicked: a {@link Person} whose decisions may count, or {@link Refused} with the reason to tell them. */
    sealed interface Identity {
    }

    record Person(Email email) implements Identity {
    }

    /**
     * @param outcome short, for the exchange log ("refused: bot")
     * @param why     for the clicker: why nothing happened and what to do instead
     */
    record Refused(String outcome, String why) implements Identity {

        /** The reason, for where nothing was to be decided (the Home tab, {@code /approvals}). */
        String whyNoLists() {
            return why.replace(DECIDE_ON_DETAILS, " Countersign's web pages show your requests instead.");
        }
    }

    static final String DECIDE_ON_DETAILS = " Nothing was changed; decide on the request's Details page instead.";

    private final JdbcClient jdbc;
    private final SlackApi slack;
    private final Clock clock;
    private final Duration ttl;
    private final boolean allowGuests;
    private final ConcurrentMap<String, Account> accounts = new ConcurrentHashMap<>();
    /** Mentions are drawn for every approver on every redraw: known ids are kept in memory, not read each time. */
    private final ConcurrentMap<Email, String> usersByEmail = new ConcurrentHashMap<>();

    SlackPeople(JdbcClient jdbc, SlackApi slack, Clock clock, SlackIdentitySettings settings) {
        this.jdbc = jdbc;
        this.slack = slack;
        this.clock = clock;
        this.ttl = settings.identityTtl();
        this.allowGuests = settings.allowGuests();
    }

    /**
     * The Slack user id for this email, asking Slack when not known (or known longer than the TTL); empty when none
     * exists. For notifications: while Slack is unavailable, the id on record is used even when stale.
     */
    Optional<String> userIdOf(Email email, String requestId) {
        return userIdOf(email, requestId, true);
    }

    private Optional<String> userIdOf(Email email, String requestId, boolean staleWhenSlackIsDown) {
        Optional<Entry> known = stored(email);
        Instant now = clock.instant();
        if (known.isPresent()) {
            Entry entry = known.get();
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
            if (staleWhenSlackIsDown && e.retryable() && known.isPresent() && known.get().userId() != null) {
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
        Optional<String> stored = stored(email).map(Entry::userId);
        stored.ifPresent(userId -> usersByEmail.put(email, userId));
        return stored;
    }

    /**
     * Who this Slack user is, checked both ways, for a click, a modal submission or a command sent by the workspace
     * {@code payloadTeamId} (null: the caller has no payload to check, e.g. a Home tab publish). A {@link Person}
     * only when: the payload comes from the installed workspace; {@code users.info}, asked within the TTL, shows a
     * human (not a bot), active, a member of that workspace (not a Slack Connect stranger), not a guest (unless
     * guests are allowed), with a confirmed ASCII email; and {@code users.lookupByEmail} of that email names the same
     * user. Anything else is {@link Refused} with the reason.
     *
     * @throws SlackCallFailed when Slack cannot be asked now: a stale answer is never used to let a decision count
     */
    Identity identify(String payloadTeamId, String userId) {
        String installed = slack.installedTeamId();
        if (payloadTeamId != null && !payloadTeamId.equals(installed)) {
            return new Refused("refused: another team (" + payloadTeamId + ")", "This came from another Slack "
                    + "workspace than the one Countersign is installed in, so Countersign does not act on it."
                    + DECIDE_ON_DETAILS);
        }
        Account account = account(userId);
        if (account.bot()) {
            return new Refused("refused: bot", "Bots and apps cannot decide on requests in Countersign; only "
                    + "people can." + DECIDE_ON_DETAILS);
        }
        if (account.deleted()) {
            return new Refused("refused: deactivated", "Your Slack account is deactivated, so Countersign cannot "
                    + "count what it does." + DECIDE_ON_DETAILS);
        }
        if (account.stranger() || !Objects.equals(account.teamId(), installed)) {
            return new Refused("refused: stranger", "Your Slack account belongs to another organization (Slack "
                    + "Connect), so Countersign cannot tell who you are in this workspace." + DECIDE_ON_DETAILS);
        }
        if (account.guest() && !allowGuests) {
            return new Refused("refused: guest", "Guest accounts cannot decide from Slack here (an administrator "
                    + "can allow it with COUNTERSIGN_SLACK_ALLOW_GUESTS)." + DECIDE_ON_DETAILS);
        }
        if (account.email() == null) {
            return new Refused("refused: no email", "Countersign cannot see the email of your Slack account, so it "
                    + "cannot tell who you are (ask your Slack admin to show email addresses to apps: scope "
                    + "users:read.email)." + DECIDE_ON_DETAILS);
        }
        if (!account.emailConfirmed()) {
            return new Refused("refused: email not confirmed", "The email of your Slack account is not confirmed "
                    + "yet, so Countersign cannot tell whether it is yours. Confirm it in Slack and try again, or "
                    + "decide on the request's Details page. Nothing was changed.");
        }
        Email email;
        try {
            email = new Email(account.email());
        } catch (ApprovalException notAscii) {
            return new Refused("refused: email not usable", "The email of your Slack account is not a plain "
                    + "(ASCII) address, so it matches no approver in Countersign." + DECIDE_ON_DETAILS);
        }
        Optional<String> owner = userIdOf(email, null, false);
        if (!owner.equals(Optional.of(userId))) {
            return new Refused("refused: email names " + owner.orElse("nobody"), "Slack does not name your "
                    + "account as the owner of " + email + " (looking the address up finds " + (owner.isEmpty()
                    ? "no account" : "another account") + "), so Countersign cannot be sure it is you."
                    + DECIDE_ON_DETAILS);
        }
        return new Person(email);
    }

    /** The workspace the bot token belongs to ({@code auth.test}), asked again when the token changes. */
    String installedTeamId() {
        return slack.installedTeamId();
    }

    /** {@code users.info} of this user: from memory within the TTL, else asked again (never stale). */
    private Account account(String userId) {
        Instant now = clock.instant();
        Account known = accounts.get(userId);
        if (known != null && known.lookedUpAt().plus(ttl).isAfter(now)) {
            return known;
        }
        Account fresh = Account.of(slack.userInfo(userId), now);
        accounts.put(userId, fresh);
        return fresh;
    }

    /** How to name someone in a message: a mention when Slack knows them, else their email. */
    String mention(Email email) {
        return knownUserIdOf(email).map(id -> "<@" + id + ">").orElse(RequestMessages.escape(email.value()));
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private Optional<Entry> stored(Email email) {
        return jdbc.sql("select user_id, looked_up_at from slack_person where email = ?")
                .param(email.value())
                .query((rs, n) -> new Entry(rs.getString("user_id"),
                        rs.getObject("looked_up_at", java.time.OffsetDateTime.class).toInstant()))
                .optional();
    }

    private void remember(Email email, String userId, Instant at) {
        var when = at.atOffset(ZoneOffset.UTC);
        int updated = jdbc.sql("update slack_person set user_id = ?, looked_up_at = ? where email = ?")
                .params(userId, when, email.value()).update();
        if (updated == 0) {
            try {
                jdbc.sql("insert into slack_person (email, user_id, looked_up_at) values (?, ?, ?)")
                        .params(email.value(), userId, when).update();
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                jdbc.sql("update slack_person set user_id = ?, looked_up_at = ? where email = ?")
                        .params(userId, when, email.value()).update();
            }
        }
        if (userId != null) {
            usersByEmail.put(email, userId);
        } else {
            usersByEmail.remove(email);
        }
    }
}
