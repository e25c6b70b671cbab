package dev.countersign.emulator;

/**
 * A person (or bot) in the emulated workspace. {@code id} is a Slack user id ({@code U…}). The flags are what
 * {@code users.info} reports, under Slack's names: {@code is_bot}, {@code deleted}, {@code is_restricted},
 * {@code is_ultra_restricted}, {@code is_stranger}, {@code is_email_confirmed}; {@code teamId} is the user's own
 * {@code team_id}, null for a member of the emulated workspace itself. Change a user with
 * {@link SlackEmulator#changeUser}, e.g. {@code slack.changeUser(bob, EmulatedUser::deactivated)}.
 */
public record EmulatedUser(
        String id,
        String name,
        String email,
        String realName,
        String teamId,
        boolean bot,
        boolean deleted,
        boolean restricted,
        boolean ultraRestricted,
        boolean stranger,
        boolean emailConfirmed) {

    /** An ordinary, active member of the workspace with a confirmed email. */
    public EmulatedUser(String id, String name, String email, String realName) {
        this(id, name, email, realName, null, false, false, false, false, false, true);
    }

    /** The same account with another profile email (confirmed, as when an admin changes it). */
    public EmulatedUser withEmail(String newEmail) {
        return new EmulatedUser(
                id, name, newEmail, realName, teamId, bot, deleted, restricted, ultraRestricted, stranger, true);
    }

    /** An app's bot user: {@code is_bot} true, a {@code bot_id} in the profile. */
    public EmulatedUser asBot() {
        return new EmulatedUser(
                id,
                name,
                email,
                realName,
                teamId,
                true,
                deleted,
                restricted,
                ultraRestricted,
                stranger,
                emailConfirmed);
    }

    /** A deactivated account: {@code deleted} true. */
    public EmulatedUser deactivated() {
        return new EmulatedUser(
                id, name, email, realName, teamId, bot, true, restricted, ultraRestricted, stranger, emailConfirmed);
    }

    /** A multi-channel guest: {@code is_restricted} true. */
    public EmulatedUser asGuest() {
        return new EmulatedUser(id, name, email, realName, teamId, bot, deleted, true, false, stranger, emailConfirmed);
    }

    /** A single-channel guest: {@code is_restricted} and {@code is_ultra_restricted} true, as Slack reports them. */
    public EmulatedUser asSingleChannelGuest() {
        return new EmulatedUser(id, name, email, realName, teamId, bot, deleted, true, true, stranger, emailConfirmed);
    }

    /** Someone of another organization met through Slack Connect: their own {@code team_id}, {@code is_stranger}. */
    public EmulatedUser asStrangerFrom(String otherTeamId) {
        return new EmulatedUser(
                id,
                name,
                email,
                realName,
                otherTeamId,
                bot,
                deleted,
                restricted,
                ultraRestricted,
                true,
                emailConfirmed);
    }

    /** An account whose email was never confirmed: {@code is_email_confirmed} false. */
    public EmulatedUser withUnconfirmedEmail() {
        return new EmulatedUser(
                id, name, email, realName, teamId, bot, deleted, restricted, ultraRestricted, stranger, false);
    }
}
