package dev.countersign.settings;

import java.util.Arrays;
import java.util.Optional;

/** A setting an administrator may change at run time, by the name the API uses for it. */
public enum Setting {
    /** Whether Countersign sends Slack messages at all (off: nothing is sent; stored credentials are kept). */
    SLACK_NOTIFICATIONS("slackNotifications", Kind.FLAG),
    /** Whether approvers get approval-request DMs (off: channel posts and the API still work). */
    APPROVER_DMS("approverDms", Kind.FLAG),
    /** Whether people may approve and reject from Slack (off: messages carry only the Details link). */
    SLACK_DECISIONS("slackDecisions", Kind.FLAG),
    /** The Slack app's bot token (xoxb-…). */
    SLACK_BOT_TOKEN("slackBotToken", Kind.SECRET),
    /** The Slack app's signing secret. */
    SLACK_SIGNING_SECRET("slackSigningSecret", Kind.SECRET);

    public enum Kind {
        FLAG,
        SECRET
    }

    private final String apiName;
    private final Kind kind;

    Setting(String apiName, Kind kind) {
        this.apiName = apiName;
        this.kind = kind;
    }

    public String apiName() {
        return apiName;
    }

    public Kind kind() {
        return kind;
    }

    public boolean secret() {
        return kind == Kind.SECRET;
    }

    /** By its stored name; empty for a name this version does not know (written by a newer one). */
    static Optional<Setting> byName(String name) {
        return Arrays.stream(values()).filter(s -> s.name().equals(name)).findFirst();
    }

    public static Optional<Setting> byApiName(String name) {
        return Arrays.stream(values()).filter(s -> s.apiName.equals(name)).findFirst();
    }
}
