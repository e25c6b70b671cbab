package dev.countersign.slack;

import dev.countersign.settings.AdminSettings;
import dev.countersign.settings.ChangedSettings;
import dev.countersign.settings.Setting;
import dev.countersign.settings.SettingsUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack settings in force right now: what an administrator changed at run time ({@link AdminSettings}), else
 * the configuration ({@link SlackSettings}). Every part of the Slack module asks here at the moment it acts, so a
 * change is in force at once, without a restart: the next call uses the new token, the next callback is checked
 * against the new signing secret, the next message is drawn with or without buttons.
 */
public class CurrentSlackSettings implements SlackBotToken {

    private static final Logger log = LoggerFactory.getLogger(CurrentSlackSettings.class);

    private final SlackSettings configured;
    private final ChangedSettings admin;
    private volatile boolean unreadableReported;

    public CurrentSlackSettings(SlackSettings configured, ChangedSettings admin) {
        this.configured = configured;
        this.admin = admin;
    }

    /** The bot token: stored by an administrator, else {@code SLACK_BOT_TOKEN}; null when there is neither. */
    @Override
    public String botToken() {
        return secret(Setting.SLACK_BOT_TOKEN, configured.botToken());
    }

    /** The signing secret: stored by an administrator, else {@code SLACK_SIGNING_SECRET}; null when neither. */
    public String signingSecret() {
        return secret(Setting.SLACK_SIGNING_SECRET, configured.signingSecret());
    }

    /** Whether Countersign sends Slack DMs at all. Channel posts and updates of sent messages go on regardless. */
    public boolean notifications() {
        return admin.flag(Setting.SLACK_NOTIFICATIONS, true);
    }

    /** Whether approvers are DMed approval requests. */
    public boolean approverDms() {
        return admin.flag(Setting.APPROVER_DMS, true);
    }

    /** Whether messages carry Approve / Reject and clicks on them decide; off, only the Details link remains. */
    public boolean buttons() {
        return admin.flag(Setting.SLACK_DECISIONS, configured.buttons());
    }

    public boolean approvalNeedsReason(String type) {
        return configured.approvalNeedsReason(type);
    }

    /**
     * A stored secret that cannot be opened (no key, another key) is reported, and the configured one used: the
     * service stays as reachable as its configuration makes it, and the log says what to fix.
     */
    private String secret(Setting setting, String fallback) {
        try {
            return admin.secret(setting).orElse(fallback);
        } catch (SettingsUnavailable e) {
            if (!unreadableReported) {
                unreadableReported = true;
                log.error("Slack: {}; using the configured value instead", e.getMessage());
            }
            return fallback;
        }
    }
}
