package dev.countersign.approval;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A person, named by their email address. Normalised to lower case so that "Alice@Example.com" can never slip
 * past a rule written for "alice@example.com" (self-approval, second vote).
 *
 * <p>Only printable ASCII is accepted, and lower-cased with {@link Locale#ROOT}. Unicode case folding would make
 * different addresses equal: the KELVIN SIGN (U+212A) lower-cases to an ASCII 'k', so "\u212Aate@example.com"
 * would pass for "kate@example.com" here while a mail server or Slack treats it as someone else. Refusing
 * non-ASCII input outright means two addresses are the same person exactly when their ASCII letters match,
 * ignoring case.
 */
public record Email(String value) implements Comparable<Email> {

    private static final Pattern SHAPE = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    public static final int MAX_LENGTH = 254;

    public Email {
        Objects.requireNonNull(value, "email");
        String stripped = value.strip();
        int foreign = firstNonAscii(stripped);
        if (foreign >= 0) {
            int codePoint = stripped.codePointAt(foreign);
            throw new InvalidApprovalRequest("'" + printable(stripped) + "' is not an email address Countersign "
                    + "accepts: it contains " + String.format("U+%04X", codePoint) + " at position " + (foreign + 1)
                    + "; only ASCII letters, digits and symbols are allowed (no accented or look-alike letters)");
        }
        value = stripped.toLowerCase(Locale.ROOT);
        if (value.length() > MAX_LENGTH || !SHAPE.matcher(value).matches()) {
            throw new InvalidApprovalRequest("'" + value + "' is not an email address");
        }
    }

    public static Email of(String value) {
        return new Email(value);
    }

    public static boolean isValid(String value) {
        if (value == null) {
            return false;
        }
        String stripped = value.strip();
        return firstNonAscii(stripped) < 0
                && stripped.length() <= MAX_LENGTH
                && SHAPE.matcher(stripped).matches();
    }

    /** The index of the first character that is not printable ASCII (0x21 to 0x7E), or -1. */
    private static int firstNonAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                if (Character.isWhitespace(c) && c < 0x80) {
                    continue; // inner ASCII whitespace: the shape check names it
                }
                return i;
            }
        }
        return -1;
    }

    /** The text with anything outside printable ASCII shown as \\uXXXX, so a message never carries look-alikes. */
    private static String printable(String text) {
        StringBuilder shown = new StringBuilder();
        text.chars().limit(MAX_LENGTH + 1).forEach(c -> {
            if (c >= 0x20 && c <= 0x7E) {
                shown.append((char) c);
            } else {
                shown.append(String.format("\\u%04X", c));
            }
        });
        return shown.toString();
    }

    @Override
    public int compareTo(Email other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
