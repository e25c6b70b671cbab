package dev.countersign.slack;

import dev.countersign.approval.Email;

/**
 * What a reminder or report task carries in its outbox note: which reminder it is, and whom a delegate is asked for.
 *
 * @param principal the approver a delegate is reminded for; {@code null} when the recipient is the approver
 */
record ReminderNote(int number, int max, Email principal) {

    String encode() {
        return number + "/" + max + (principal == null ? "" : " for " + principal.value());
    }

    static ReminderNote parse(String note) {
        if (note == null || note.isBlank()) {
            return new ReminderNote(0, 0, null);
        }
        String[] parts = note.split(" for ", 2);
        String[] count = parts[0].split("/");
        return new ReminderNote(Integer.parseInt(count[0].strip()), Integer.parseInt(count[1].strip()),
                parts.length == 2 ? new Email(parts[1]) : null);
    }

    /** Whose decision the recipient is asked for. */
    Email whoseDecision(String recipient) {
        return principal != null ? principal : new Email(recipient);
    }
}
