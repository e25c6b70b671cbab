package dev.countersign.schedule;

import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.Email;
import dev.countersign.approval.Reminders;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What each request type does with time ({@code countersign.types.<type>.*}): its default expiry, its reminders and
 * escalation, and when reminders may be sent. A request's own {@code reminders} override the type's, part by part.
 */
@ConfigurationProperties("countersign")
public record RequestTypes(Map<String, TypeSchedule> types) {

    /** Reminders per level when a type sets an interval but no maximum. */
    static final int DEFAULT_MAX_REMINDERS = 3;

    public RequestTypes {
        types = types == null ? Map.of() : Map.copyOf(types);
    }

    /**
     * @param expiresAfter default expiry of a request of this type that sets none
     * @param remindEvery  time between reminders; none: no reminders unless the request asks
     * @param maxReminders reminders per level (default 3), then escalation
     * @param escalateTo   emails and Slack channels ({@code #name} or id) told once the reminders are used up
     * @param quietHours   e.g. {@code 20:00-08:00}: no reminders then
     * @param businessDays e.g. {@code MON-FRI}: reminders only then
     * @param zone         the time zone of the quiet hours and business days (default UTC)
     */
    public record TypeSchedule(
            Duration expiresAfter,
            Duration remindEvery,
            Integer maxReminders,
            List<String> escalateTo,
            String quietHours,
            String businessDays,
            ZoneId zone) {

        public TypeSchedule {
            escalateTo = escalateTo == null ? List.of() : List.copyOf(escalateTo);
            if (expiresAfter != null && (expiresAfter.isNegative() || expiresAfter.isZero())) {
                throw new IllegalArgumentException("countersign.types.<type>.expires-after must be positive");
            }
            if (remindEvery != null && remindEvery.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("countersign.types.<type>.remind-every must be at least 1s");
            }
            if (maxReminders != null && maxReminders < 0) {
                throw new IllegalArgumentException("countersign.types.<type>.max-reminders must be 0 or more");
            }
            for (String contact : escalateTo) {
                if (!Reminders.isChannel(contact) && !Email.isValid(contact)) {
                    throw new IllegalArgumentException("countersign.types.<type>.escalate-to holds emails and "
                            + "#channels; '" + contact + "' is neither");
                }
            }
            allowedTimes(quietHours, businessDays, zone);
        }

        AllowedTimes allowedTimes() {
            return allowedTimes(quietHours, businessDays, zone);
        }

        private static AllowedTimes allowedTimes(String quietHours, String businessDays, ZoneId zone) {
            try {
                return AllowedTimes.parse(quietHours, businessDays, zone);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("countersign.types.<type>." + e.getMessage(), e);
            }
        }
    }

    /** The type's default expiry; {@code null} when it has none. */
    public Duration expiresAfter(String type) {
        TypeSchedule schedule = types.get(type);
        return schedule == null ? null : schedule.expiresAfter();
    }

    /** How the request is reminded: its own settings over its type's; empty when it is never reminded. */
    public Optional<ReminderPlan> planFor(ApprovalRequest request) {
        TypeSchedule type = types.get(request.spec().type());
        Reminders own = request.spec().reminders();
        Duration every = own != null && own.every() != null ? own.every() : type == null ? null : type.remindEvery();
        if (every == null) {
            return Optional.empty();
        }
        Integer max = own != null && own.max() != null ? own.max() : type == null ? null : type.maxReminders();
        List<String> contacts = own != null && !own.escalateTo().isEmpty()
                ? own.escalateTo()
                : type == null ? List.of() : type.escalateTo();
        AllowedTimes allowed = type == null ? AllowedTimes.ANY_TIME : type.allowedTimes();
        return Optional.of(new ReminderPlan(every, max == null ? DEFAULT_MAX_REMINDERS : max, contacts, allowed));
    }
}
