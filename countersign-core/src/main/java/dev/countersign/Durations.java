package dev.countersign;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type them: {@code 30s}, {@code 30m}, {@code 2h}, {@code 1h30m}, {@code 1d}, or ISO-8601
 * such as {@code PT30M}.
 *
 * <p>Shared by the CLI ({@code --timeout}, {@code --expires-after}) and the REST API ({@code ?timeout=}) so that
 * both accept exactly the same spellings and answer a mistake with the same message.
 */
public final class Durations {

    private static final String EXAMPLES = "e.g. 30s, 30m, 2h, 1h30m, 1d or PT30M";

    /** Units in descending order, each at most once; lower case only so that {@code m} can never mean months. */
    private static final Pattern COMPACT = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private Durations() {}

    /**
     * Parses a duration.
     *
     * @param text {@code 30s}, {@code 30m}, {@code 2h}, {@code 1h30m}, {@code 1d}, or an ISO-8601 duration
     * @return the duration, never negative
     * @throws IllegalArgumentException when the text is blank, malformed, negative or too long; the message says
     *                                  what is accepted
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a duration is required, " + EXAMPLES);
        }
        String trimmed = text.strip();
        Duration duration =
                trimmed.toUpperCase(Locale.ROOT).startsWith("P") ? parseIso(trimmed) : parseCompact(trimmed);
        if (duration.isNegative()) {
            throw new IllegalArgumentException("'" + trimmed + "' is negative; a duration must be zero or more");
        }
        return duration;
    }

    /** Formats a duration in the compact spelling {@link #parse} accepts, e.g. {@code 1h30m}; zero is {@code 0s}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        append(text, duration.toDaysPart(), "d");
        append(text, duration.toHoursPart(), "h");
        append(text, duration.toMinutesPart(), "m");
        append(text, duration.toSecondsPart(), "s");
        return text.isEmpty() ? duration.toString() : text.toString();
    }

    private static Duration parseIso(String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid ISO-8601 duration; " + EXAMPLES, e);
        }
    }

    private static Duration parseCompact(String text) {
        Matcher matcher = COMPACT.matcher(text);
        if (text.isEmpty() || !matcher.matches()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration; use a number with a unit " + "(s, m, h, d), " + EXAMPLES);
        }
        try {
            return Duration.ofDays(number(matcher.group(1)))
                    .plusHours(number(matcher.group(2)))
                    .plusMinutes(number(matcher.group(3)))
                    .plusSeconds(number(matcher.group(4)));
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration", e);
        }
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(amount).append(unit);
        }
    }
}
