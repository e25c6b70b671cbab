package dev.countersign.approval;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A person, named by their email address. Normalised to lower case so that "Alice@Example.com" can never slip
 * past a rule written for "alice@example.com" (self-approval, second vote).
 */
public record Email(String value) implements Comparable<Email> {

    private static final Pattern SHAPE = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    public static final int MAX_LENGTH = 254;

    public Email {
        Objects.requireNonNull(value, "email");
        value = value.strip().toLowerCase(Locale.ROOT);
        if (value.length() > MAX_LENGTH || !SHAPE.matcher(value).matches()) {
            throw new InvalidApprovalRequest("'" + value + "' is not an email address");
        }
    }

    public static Email of(String value) {
        return new Email(value);
    }

    public static boolean isValid(String value) {
        return value != null && value.strip().length() <= MAX_LENGTH && SHAPE.matcher(value.strip()).matches();
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
