package dev.countersign.approval;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How a request asks again when nobody answers, as the caller set it for this one request: remind the pending
 * approvers {@code every} so often, at most {@code max} times, then tell {@code escalateTo} that it is stuck. A part
 * left null falls back to the request type's configuration.
 *
 * @param every      time between reminders; {@code null} for the type's
 * @param max        how many reminders per level; {@code null} for the type's
 * @param escalateTo emails and Slack channels ({@code #name} or an id such as {@code C0123}); empty for the type's
 */
public record Reminders(Duration every, Integer max, List<String> escalateTo) {

    static final Duration MIN_EVERY = Duration.ofMinutes(1);
    static final Duration MAX_EVERY = Duration.ofDays(30);
    static final int MAX_REMINDERS = 50;
    static final int MAX_CONTACTS = 20;
    private static final Pattern CHANNEL = Pattern.compile("#[a-z0-9_-]{1,80}|[CG][A-Z0-9]{2,30}");

    public Reminders {
        escalateTo = escalateTo == null ? List.of() : List.copyOf(escalateTo);
    }

    /** Whether a contact names a Slack channel rather than a person. */
    public static boolean isChannel(String contact) {
        return !contact.contains("@");
    }

    void check(List<String> problems) {
        if (every != null && (every.compareTo(MIN_EVERY) < 0 || every.compareTo(MAX_EVERY) > 0)) {
            problems.add("reminders.every must be a duration from 1 minute to 30 days, e.g. PT4H");
        }
        if (max != null && (max < 0 || max > MAX_REMINDERS)) {
            problems.add("reminders.max must be from 0 to " + MAX_REMINDERS);
        }
        if (escalateTo.size() > MAX_CONTACTS) {
            problems.add("reminders.escalateTo may list at most " + MAX_CONTACTS + " contacts");
        }
        if (new HashSet<>(escalateTo).size() != escalateTo.size()) {
            problems.add("reminders.escalateTo lists a contact more than once");
        }
        List<String> bad = new ArrayList<>();
        for (String contact : escalateTo) {
            if (contact == null
                    || !(isChannel(contact) ? CHANNEL.matcher(contact).matches() : Email.isValid(contact))) {
                bad.add(contact == null ? "nothing" : "'" + contact + "'");
            }
        }
        if (!bad.isEmpty()) {
            problems.add("reminders.escalateTo holds emails or Slack channels (#name or an id such as C0123); " + "not "
                    + String.join(", ", bad));
        }
    }
}
