package dev.countersign.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** When a reminder may go out: quiet hours and business days, read in the type's time zone. */
class AllowedTimesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void anyTimeIsAllowedByDefault() {
        // given
        Instant saturdayNight = Instant.parse("2026-11-28T02:00:00Z");

        // when / then
        assertThat(AllowedTimes.ANY_TIME.nextAllowed(saturdayNight)).isEqualTo(saturdayNight);
        assertThat(AllowedTimes.parse(null, "", null).nextAllowed(saturdayNight))
                .isEqualTo(saturdayNight);
    }

    @Test
    void quietHoursAcrossMidnightPushToTheirEndTheSameOrTheNextMorning() {
        // given
        AllowedTimes berlin = AllowedTimes.parse("20:00-08:00", null, BERLIN);

        // when / then: Tuesday 21:30 Berlin (20:30Z) → Wednesday 08:00 Berlin (07:00Z)
        assertThat(berlin.nextAllowed(Instant.parse("2026-12-01T20:30:00Z")))
                .isEqualTo(Instant.parse("2026-12-02T07:00:00Z"));
        // 05:00 Berlin → 08:00 the same day
        assertThat(berlin.nextAllowed(Instant.parse("2026-12-02T04:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-02T07:00:00Z"));
        // 19:59 Berlin is allowed, 20:00 is not
        assertThat(berlin.nextAllowed(Instant.parse("2026-12-01T18:59:00Z")))
                .isEqualTo(Instant.parse("2026-12-01T18:59:00Z"));
        assertThat(berlin.nextAllowed(Instant.parse("2026-12-01T19:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-02T07:00:00Z"));
    }

    @Test
    void quietHoursWithinADay() {
        // given: a lunch break
        AllowedTimes lunch = AllowedTimes.parse("12:00-13:30", null, ZoneId.of("UTC"));

        // when / then
        assertThat(lunch.nextAllowed(Instant.parse("2026-12-01T12:10:00Z")))
                .isEqualTo(Instant.parse("2026-12-01T13:30:00Z"));
        assertThat(lunch.nextAllowed(Instant.parse("2026-12-01T13:30:00Z")))
                .isEqualTo(Instant.parse("2026-12-01T13:30:00Z"));
    }

    @Test
    void businessDaysSkipTheWeekendAndCombineWithQuietHours() {
        // given
        AllowedTimes office = AllowedTimes.parse("20:00-08:00", "MON-FRI", BERLIN);

        // when / then: Friday 22:00 Berlin → Monday 08:00 Berlin
        assertThat(office.nextAllowed(Instant.parse("2026-11-27T21:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-30T07:00:00Z"));
        // Saturday noon → Monday 08:00
        assertThat(office.nextAllowed(Instant.parse("2026-11-28T11:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-30T07:00:00Z"));
    }

    @Test
    void theSameMomentIsJudgedInEachTypesOwnZone() {
        // given: Monday 03:00 UTC is Monday 04:00 in Berlin but still Sunday 22:00 in New York
        Instant monday3Utc = Instant.parse("2026-11-30T03:00:00Z");
        AllowedTimes berlin = AllowedTimes.parse(null, "MON-FRI", BERLIN);
        AllowedTimes newYork = AllowedTimes.parse(null, "MON-FRI", NEW_YORK);

        // when / then
        assertThat(berlin.nextAllowed(monday3Utc)).isEqualTo(monday3Utc);
        assertThat(newYork.nextAllowed(monday3Utc)).isEqualTo(Instant.parse("2026-11-30T05:00:00Z"));
    }

    @Test
    void quietHoursEndingInASkippedHourResolveAfterTheGap() {
        // given: quiet until 02:30 in New York, on the night the clocks jump from 02:00 to 03:00 (8 March 2026)
        AllowedTimes nights = AllowedTimes.parse("23:00-02:30", null, NEW_YORK);

        // when: 01:00 local, still quiet
        Instant next = nights.nextAllowed(Instant.parse("2026-03-08T06:00:00Z"));

        // then: 03:30 EDT, the instant 02:30 falls on
        assertThat(next).isEqualTo(Instant.parse("2026-03-08T07:30:00Z"));
    }

    @Test
    void listsOfDaysAndRefusalsThatSayWhatToWrite() {
        // given
        AllowedTimes mwf = AllowedTimes.parse(null, "MON,WED,FRI", ZoneId.of("UTC"));

        // when / then: Tuesday → Wednesday 00:00
        assertThat(mwf.nextAllowed(Instant.parse("2026-12-01T10:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
        assertThatThrownBy(() -> AllowedTimes.parse("8pm-8am", null, null))
                .hasMessageContaining("quiet-hours must look like 20:00-08:00");
        assertThatThrownBy(() -> AllowedTimes.parse(null, "MONDAY-FUNDAY", null))
                .hasMessageContaining("business-days must look like MON-FRI");
    }
}
