package dev.countersign.schedule;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When the urgent mode's daily report goes out: {@code COUNTERSIGN_URGENT_REPORT_TIME} (10:00) in
 * {@code COUNTERSIGN_URGENT_REPORT_ZONE} (UTC), every day of the week, holidays included.
 */
@ConfigurationProperties("countersign.urgent-report")
public record UrgentReportSettings(
        @DefaultValue("10:00") String time,
        @DefaultValue("UTC") String zone) {

    public UrgentReportSettings {
        localTime(time);
        zoneId(zone);
    }

    public LocalTime localTime() {
        return localTime(time);
    }

    public ZoneId zoneId() {
        return zoneId(zone);
    }

    private static LocalTime localTime(String time) {
        try {
            return LocalTime.parse(time.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "countersign.urgent-report.time must be a time of day " + "such as 10:00, was '" + time + "'");
        }
    }

    private static ZoneId zoneId(String zone) {
        try {
            return ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("countersign.urgent-report.zone must be a time zone such "
                    + "as Europe/Berlin or UTC, was '" + zone + "'");
        }
    }
}
