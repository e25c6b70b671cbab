package dev.countersign.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** How check results appear in the health endpoint, and how often Slack is asked. */
class DoctorHealthTest {

    @Test
    void aFailedCheckMakesItsComponentDegradedWithTheFixInItsDetails() {
        // given
        List<Check> checks = List.of(
                Check.ok("bot-token", "Bot token", "bot countersign"),
                Check.fail("scopes", "Scopes", "missing commands", "add commands"));

        // when
        Health health = DoctorHealth.health(checks);

        // then
        assertThat(health.getStatus()).isEqualTo(DoctorHealth.DEGRADED);
        assertThat(health.getStatus()).isNotEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("scopes"))
                .isEqualTo(Map.of("outcome", "fail", "detail", "missing commands", "fix", "add commands"));
        assertThat(health.getDetails().get("bot-token"))
                .isEqualTo(Map.of("outcome", "ok", "detail", "bot countersign"));
    }

    @Test
    void warningsLeaveTheComponentUp() {
        // when
        Health health = DoctorHealth.health(List.of(Check.warn("migrations", "Migrations", "1 pending", "serve")));

        // then
        assertThat(health.getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void slackIsAskedAgainOnlyAfterTheCacheTime() {
        // given
        AtomicInteger asked = new AtomicInteger();
        MovingClock clock = new MovingClock(Instant.parse("2026-12-01T10:00:00Z"));
        var cached = new DoctorHealth.Cached(
                () -> {
                    asked.incrementAndGet();
                    return List.of();
                },
                clock,
                Duration.ofSeconds(60));

        // when
        cached.get();
        clock.advance(Duration.ofSeconds(59));
        cached.get();
        int withinAMinute = asked.get();
        clock.advance(Duration.ofSeconds(1));
        cached.get();

        // then
        assertThat(withinAMinute).isEqualTo(1);
        assertThat(asked.get()).isEqualTo(2);
    }

    private static final class MovingClock extends Clock {

        private Instant now;

        MovingClock(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
