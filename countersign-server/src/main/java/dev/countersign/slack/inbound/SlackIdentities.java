package dev.countersign.slack.inbound;

import com.slack.api.model.User;
import dev.countersign.approval.ApprovalException;
import dev.countersign.approval.Email;
import dev.countersign.slack.SlackIdentitySettings;
import dev.countersign.slack.delivery.SlackApi;
import dev.countersign.slack.delivery.SlackCallFailed;
import dev.countersign.slack.delivery.SlackUserIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Who did something in Slack, checked strictly: a fresh answer from Slack (never a stale one, even while Slack is
 * unavailable), a person of the installed workspace, and an email that leads back to the same Slack user. Answers
 * from {@code users.info} are kept in memory for the identity TTL ({@code COUNTERSIGN_SLACK_IDENTITY_TTL}), then
 * asked again.
 */
class SlackIdentities {

    /** What {@code users.info} said about a Slack user, and when. */
    record Account(
            String userId,
            String teamId,
            String email,
            boolean bot,
            boolean deleted,
            boolean guest,
            boolean stranger,
            boolean emailConfirmed,
            Instant lookedUpAt) {

        static Account of(User user, Instant at) {
            String email = user.getProfile() == null ? null : user.getProfile().getEmail();
            boolean bot = user.isBot()
                    || (user.getProfile() != null
                            && user.getProfile().getBotId() != null
                            && !user.getProfile().getBotId().isBlank());
            return new Account(
                    user.getId(),
                    user.getTeamId(),
                    email == null || email.isBlank() ? null : email.strip(),
                    bot,
                    user.isDeleted(),
                    user.isRestricted() || user.isUltraRestricted(),
                    user.isStranger(),
                    user.isEmailConfirmed(),
                    at);
        }
    }

    /** Who clicked: a {@link Person} whose decisions may count, or {@link Refused} with the reason to tell them. */
    sealed interface Identity {}

    record Person(Email email) implements Identity {}

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

    private final SlackApi slack;
    private final SlackUserIds userIds;
    private final Clock clock;
    private final Duration ttl;
    private final boolean allowGuests;
    private final ConcurrentMap<String, Account> accounts = new ConcurrentHashMap<>();

    SlackIdentities(SlackApi slack, SlackUserIds userIds, Clock clock, SlackIdentitySettings settings) {
        this.slack = slack;
        this.userIds = userIds;
        this.clock = clock;
        this.ttl = settings.identityTtl();
        this.allowGuests = settings.allowGuests();
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
            return new Refused(
                    "refused: another team (" + payloadTeamId + ")",
                    "This came from another Slack "
                            + "workspace than the one Countersign is installed in, so Countersign does not act on it."
                            + DECIDE_ON_DETAILS);
        }
        Account account = account(userId);
        if (account.bot()) {
            return new Refused(
                    "refused: bot",
                    "Bots and apps cannot decide on requests in Countersign; only " + "people can."
                            + DECIDE_ON_DETAILS);
        }
        if (account.deleted()) {
            return new Refused(
                    "refused: deactivated",
                    "Your Slack account is deactivated, so Countersign cannot " + "count what it does."
                            + DECIDE_ON_DETAILS);
        }
        if (account.stranger() || !Objects.equals(account.teamId(), installed)) {
            return new Refused(
                    "refused: stranger",
                    "Your Slack account belongs to another organization (Slack "
                            + "Connect), so Countersign cannot tell who you are in this workspace."
                            + DECIDE_ON_DETAILS);
        }
        if (account.guest() && !allowGuests) {
            return new Refused(
                    "refused: guest",
                    "Guest accounts cannot decide from Slack here (an administrator "
                            + "can allow it with COUNTERSIGN_SLACK_ALLOW_GUESTS)." + DECIDE_ON_DETAILS);
        }
        if (account.email() == null) {
            return new Refused(
                    "refused: no email",
                    "Countersign cannot see the email of your Slack account, so it "
                            + "cannot tell who you are (ask your Slack admin to show email addresses to apps: scope "
                            + "users:read.email)." + DECIDE_ON_DETAILS);
        }
        if (!account.emailConfirmed()) {
            return new Refused(
                    "refused: email not confirmed",
                    "The email of your Slack account is not confirmed "
                            + "yet, so Countersign cannot tell whether it is yours. Confirm it in Slack and try again, or "
                            + "decide on the request's Details page. Nothing was changed.");
        }
        Email email;
        try {
            email = new Email(account.email());
        } catch (ApprovalException notAscii) {
            return new Refused(
                    "refused: email not usable",
                    "The email of your Slack account is not a plain "
                            + "(ASCII) address, so it matches no approver in Countersign." + DECIDE_ON_DETAILS);
        }
        Optional<String> owner = userIds.freshUserIdOf(email);
        if (!owner.equals(Optional.of(userId))) {
            return new Refused(
                    "refused: email names " + owner.orElse("nobody"),
                    "Slack does not name your "
                            + "account as the owner of " + email + " (looking the address up finds "
                            + (owner.isEmpty() ? "no account" : "another account")
                            + "), so Countersign cannot be sure it is you."
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
}
