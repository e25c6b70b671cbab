package dev.countersign.slack;

/**
 * The bot token in force now: one an administrator stored through the settings API, else {@code SLACK_BOT_TOKEN}.
 * For the health checks, which must test the token the service actually uses.
 */
public interface SlackBotToken {

    /** {@code null} when there is none. */
    String botToken();
}
