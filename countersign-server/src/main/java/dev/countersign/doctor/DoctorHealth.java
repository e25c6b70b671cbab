package dev.countersign.doctor;

import dev.countersign.CountersignProperties;
import dev.countersign.slack.SlackBotToken;
import dev.countersign.slack.SlackClients;
import dev.countersign.slack.SlackSettings;
import dev.countersign.slack.SocketModeConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The set-up checks in the running server's {@code /actuator/health}: components {@code slack} and
 * {@code migrations}, each {@code DEGRADED} when one of its checks fails. That status is Countersign's own and
 * leaves the overall status alone on purpose: the API keeps working when Slack does not, and a load balancer or a
 * liveness probe that pulled or restarted the server would not bring a revoked token back. Monitoring reads the
 * component. Slack is asked at most once a minute however often the endpoint is polled.
 */
@Configuration(proxyBeanMethods = false)
class DoctorHealth {

    @Bean
    SetupChecks setupChecks(
            SlackSettings slackSettings,
            CountersignProperties properties,
            DataSource dataSource,
            ObjectProvider<Flyway> flyway,
            ObjectProvider<SocketModeConnection> connection,
            ObjectProvider<SlackBotToken> inForce,
            @Value("${countersign.secret-key:}") String secretKey) {
        SlackBotToken token = inForce.getIfAvailable();
        return new SetupChecks(
                slackSettings,
                properties,
                new Memo<>(() -> SlackClients.of(slackSettings)),
                dataSource,
                flyway.getIfAvailable(),
                connection.getIfAvailable(),
                token == null ? slackSettings::botToken : token::botToken,
                !secretKey.isBlank());
    }

    @Bean
    HealthIndicator slackHealthIndicator(
            SetupChecks checks, Clock clock, @Value("${countersign.doctor.health-cache:60s}") Duration keep) {
        Supplier<List<Check>> slack = new Cached(checks::slack, clock, keep);
        // API-only is a way to run, not a fault.
        return () -> checks.slackConfigured()
                ? health(slack.get())
                : Health.up()
                        .withDetail("slack", "off: SLACK_BOT_TOKEN is not set, Countersign runs API-only")
                        .build();
    }

    @Bean
    HealthIndicator migrationsHealthIndicator(SetupChecks checks) {
        return () -> health(List.of(checks.migrations()));
    }

    /** A component with a failed check: something people rely on does not work, though the server runs. */
    static final Status DEGRADED = new Status("DEGRADED", "a set-up check failed: see its fix");

    static Health health(List<Check> checks) {
        Health.Builder health = checks.stream().anyMatch(Check::failed) ? Health.status(DEGRADED) : Health.up();
        for (Check check : checks) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("outcome", check.outcome().name().toLowerCase());
            detail.put("detail", check.detail());
            if (check.fix() != null) {
                detail.put("fix", check.fix());
            }
            health.withDetail(check.id(), detail);
        }
        return health.build();
    }

    /** The last result, for a while: health endpoints are polled, Slack has rate limits. */
    static final class Cached implements Supplier<List<Check>> {

        private final Supplier<List<Check>> checks;
        private final Clock clock;
        private final Duration keep;
        private List<Check> last;
        private Instant until = Instant.MIN;

        Cached(Supplier<List<Check>> checks, Clock clock, Duration keep) {
            this.checks = checks;
            this.clock = clock;
            this.keep = keep;
        }

        @Override
        public synchronized List<Check> get() {
            Instant now = clock.instant();
            if (last == null || !now.isBefore(until)) {
                last = checks.get();
                until = now.plus(keep);
            }
            return last;
        }
    }

    /** Made on first use, then kept. */
    static final class Memo<T> implements Supplier<T> {

        private final Supplier<T> make;
        private T value;

        Memo(Supplier<T> make) {
            this.make = make;
        }

        @Override
        public synchronized T get() {
            if (value == null) {
                value = make.get();
            }
            return value;
        }
    }
}
