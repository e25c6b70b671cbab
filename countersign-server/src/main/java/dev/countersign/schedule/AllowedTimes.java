package dev.countersign.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * When people may be reminded: outside the quiet hours, on business days, both read in one time zone. A reminder
 * that falls due at another moment is pushed to the next allowed one. {@link #ANY_TIME} allows every moment.
 *
 * @param quietFrom  start of the quiet hours (local time); {@code null} for none
 * @param quietUntil end of the quiet hours; before {@code quietFrom} when they span midnight (20:00-08:00)
 * @param days       the days reminders may be sent on
 */
public record AllowedTimes(LocalTime quietFrom, LocalTime quietUntil, Set<DayOfWeek> days, ZoneId zone) {

    public static final AllowedTimes ANY_TIME =
            new AllowedTimes(null, null, EnumSet.allOf(DayOfWeek.class), ZoneId.of("UTC"));

    public AllowedTimes {
        days = days == null || days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
        zone = zone == null ? ZoneId.of("UTC") : zone;
        if ((quietFrom == null) != (quietUntil == null) || (quietFrom != null && quietFrom.equals(quietUntil))) {
            throw new IllegalArgumentException("quiet hours need a start and a different end, e.g. 20:00-08:00");
        }
    }

    /**
     * @param quietHours   "20:00-08:00", or null/blank for none
     * @param businessDays "MON-FRI", "MON,WED,FRI", or null/blank for every day
     */
    public static AllowedTimes parse(String quietHours, String businessDays, ZoneId zone) {
        LocalTime from = null;
        LocalTime until = null;
        if (quietHours != null && !quietHours.isBlank()) {
            String[] parts = quietHours.strip().split("-");
            try {
                if (parts.length != 2) {
                    throw new DateTimeParseException("", quietHours, 0);
                }
                from = LocalTime.parse(parts[0].strip());
                until = LocalTime.parse(parts[1].strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("quiet-hours must look like 20:00-08:00, was '" + quietHours + "'");
            }
        }
        return new AllowedTimes(from, until, days(businessDays), zone);
    }

    private static Set<DayOfWeek> days(String text) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (text == null || text.isBlank()) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        try {
            for (String part : text.toUpperCase(Locale.ROOT).split(",")) {
                String[] range = part.strip().split("-");
                DayOfWeek first = day(range[0]);
                DayOfWeek last = range.length == 2 ? day(range[1]) : first;
                if (range.length > 2) {
                    throw new IllegalArgumentException();
                }
                for (DayOfWeek d = first; ; d = d.plus(1)) {
                    days.add(d);
                    if (d == last) {
                        break;
                    }
                }
            }
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException(
                    "business-days must look like MON-FRI or MON,WED,FRI, was '" + text + "'");
        }
        return days;
    }

    private static DayOfWeek day(String name) {
        String n = name.strip();
        for (DayOfWeek d : DayOfWeek.values()) {
            if (n.length() >= 3 && d.name().startsWith(n)) {
                return d;
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** {@code at} itself when reminding is allowed then, else the first allowed moment after it. */
    public Instant nextAllowed(Instant at) {
        ZonedDateTime t = at.atZone(zone);
        for (int i = 0; i < 30; i++) {
            if (!days.contains(t.getDayOfWeek())) {
                t = startOf(t.toLocalDate().plusDays(1));
                continue;
            }
            if (quiet(t.toLocalTime())) {
                t = endOfQuiet(t);
                continue;
            }
            return t.toInstant();
        }
        throw new IllegalStateException("no allowed time within 30 steps of " + at);
    }

    private boolean quiet(LocalTime time) {
        if (quietFrom == null) {
            return false;
        }
        return quietFrom.isBefore(quietUntil)
                ? !time.isBefore(quietFrom) && time.isBefore(quietUntil)
                : !time.isBefore(quietFrom) || time.isBefore(quietUntil);
    }

    private ZonedDateTime endOfQuiet(ZonedDateTime t) {
        LocalDate day = t.toLocalDate();
        boolean endsTomorrow = quietFrom.isAfter(quietUntil) && !t.toLocalTime().isBefore(quietFrom);
        // A time the clocks skip (spring forward) resolves to the moment after the gap.
        return ZonedDateTime.of(LocalDateTime.of(endsTomorrow ? day.plusDays(1) : day, quietUntil), zone);
    }

    private ZonedDateTime startOf(LocalDate day) {
        return day.atStartOfDay(zone);
    }
}
