package dev.countersign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "30s, PT30S",
        "30m, PT30M",
        "2h, PT2H",
        "1h30m, PT1H30M",
        "1d, PT24H",
        "1d2h3m4s, PT26H3M4S",
        "0s, PT0S",
        "PT30M, PT30M",
        "pt30m, PT30M",
        "P1D, PT24H",
        "' 45s ', PT45S"
    })
    void readsCompactAndIsoSpellings(String text, String expected) {
        // when
        Duration duration = Durations.parse(text);

        // then
        assertThat(duration).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {"30", "30x", "m", "1m30h", "30 m", "1.5h", "30M", "-5m", "PT", "P1Y", "Pfoo"})
    void refusesWhatIsNotADurationAndSaysWhatIsAccepted(String text) {
        // when / then
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Durations.parse(text))
                .withMessageContaining(text.strip())
                .withMessageContaining("e.g. 30s, 30m, 2h, 1h30m, 1d or PT30M");
    }

    @Test
    void refusesNegativeIsoDurations() {
        // when / then
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Durations.parse("PT-5M"))
                .withMessageContaining("negative");
    }

    @Test
    void refusesBlankText() {
        // when / then
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Durations.parse(" "))
                .withMessageContaining("a duration is required");
    }

    @Test
    void refusesDurationsTooLongToRepresent() {
        // when / then
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Durations.parse("99999999999999999999d"))
                .withMessageContaining("too long");
    }

    @Test
    void formatsInTheCompactSpellingItReads() {
        // given
        Duration duration = Duration.ofMinutes(90);

        // when
        String text = Durations.format(duration);

        // then
        assertThat(text).isEqualTo("1h30m");
        assertThat(Durations.parse(text)).isEqualTo(duration);
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    }
}
