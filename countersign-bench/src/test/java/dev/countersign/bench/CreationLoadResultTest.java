package dev.countersign.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When an open loop counts as having sustained its offered rate: the figure the creations target is judged on. */
class CreationLoadResultTest {

    private static final CreationLoad.Shape OPEN_1000 = new CreationLoad.Shape(1000, 0, 1000);
    private static final Duration THIRTY_SECONDS = Duration.ofSeconds(30);

    @Test
    void anOpenLoopThatAnsweredEveryCreationOnScheduleSustainedItsOfferedRate() {
        // given every one of 30,000 creations answered, the last 40 ms after the schedule ended
        CreationLoad.Result result = result(OPEN_1000, 30_000, new Failures(), Duration.ofMillis(30_040));

        // then: 30,000 / 30.04 s is a hair under 1,000/s, yet the server kept up
        assertThat(result.perSecond()).isLessThan(1000);
        assertThat(result.keptUp()).isTrue();
        assertThat(result.sustainedPerSecond()).isEqualTo(1000);
    }

    @Test
    void anOpenLoopThatFellBehindSustainedOnlyWhatItAchieved() {
        // given the last answer came 10 s after the schedule ended
        CreationLoad.Result result = result(OPEN_1000, 30_000, new Failures(), Duration.ofSeconds(40));

        // then
        assertThat(result.keptUp()).isFalse();
        assertThat(result.sustainedPerSecond()).isEqualTo(750);
    }

    @Test
    void anOpenLoopWithAFailedCreationDidNotKeepUp() {
        // given
        Failures failures = new Failures();
        failures.count("create: HTTP 503");

        // when
        CreationLoad.Result result = result(OPEN_1000, 29_999, failures, Duration.ofMillis(30_010));

        // then
        assertThat(result.keptUp()).isFalse();
        assertThat(result.sustainedPerSecond()).isLessThan(1000);
    }

    @Test
    void aClosedLoopSustainedWhatItAchieved() {
        // given
        CreationLoad.Shape closed = new CreationLoad.Shape(0, 16, 1000);

        // when
        CreationLoad.Result result = result(closed, 36_000, new Failures(), THIRTY_SECONDS);

        // then
        assertThat(result.keptUp()).isFalse();
        assertThat(result.sustainedPerSecond()).isEqualTo(1200);
    }

    @Test
    void anOpenLoopSchedulesRateTimesDuration() {
        // when / then
        assertThat(CreationLoad.scheduled(OPEN_1000, THIRTY_SECONDS)).isEqualTo(30_000);
        assertThat(CreationLoad.scheduled(new CreationLoad.Shape(250, 0, 10), Duration.ofMillis(1_500)))
                .isEqualTo(375);
    }

    private static CreationLoad.Result result(
            CreationLoad.Shape shape, long created, Failures failures, Duration elapsed) {
        return new CreationLoad.Result(
                shape,
                THIRTY_SECONDS,
                created + failures.total(),
                created,
                failures,
                elapsed,
                new Latencies().summary());
    }
}
