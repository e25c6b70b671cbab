package dev.countersign.slack;

import dev.countersign.Durations;

/** Durations in the Slack module's settings, spelt as everywhere else ({@link Durations}: 30s, 1h30m, 30d, PT1H). */
public final class SlackDurations {

    private SlackDurations() {}

    /** @throws IllegalArgumentException naming the variable to fix, when the text is not a duration */
    public static java.time.Duration parse(String variable, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(variable + ": " + e.getMessage(), e);
        }
    }
}
