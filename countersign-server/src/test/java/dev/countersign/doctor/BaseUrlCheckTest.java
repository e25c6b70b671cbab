package dev.countersign.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.CountersignProperties;
import dev.countersign.slack.SlackSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Links and the Request URL must be reachable by people in Slack: the base URL check, without calling Slack. */
class BaseUrlCheckTest {

    @ParameterizedTest(name = "Slack at {0}, base URL ''{1}'' → {2}")
    @CsvSource({
        "https://slack.com/api/,       ,                                   FAIL",
        "https://slack.com/api/,       http://localhost:8080,              FAIL",
        "https://slack.com/api/,       http://127.0.0.1:8080,              FAIL",
        "https://slack.com/api/,       http://approvals.example.com,       WARN",
        "https://slack.com/api/,       https://approvals.example.com,      OK",
        "http://127.0.0.1:9/api/,      ,                                   OK",
        "http://127.0.0.1:9/api/,      http://localhost:8080,              OK"
    })
    void judgesTheBaseUrlByWhoMustReachIt(String apiUrl, String baseUrl, Check.Outcome expected) {
        // given
        SlackSettings slack = new SlackSettings("xoxb-1", "secret", URI.create(apiUrl), null, true, Set.of());
        CountersignProperties properties = new CountersignProperties(
                Path.of("data"),
                baseUrl == null ? null : URI.create(baseUrl),
                null,
                new CountersignProperties.Database(null, null, null),
                true);
        SetupChecks checks = new SetupChecks(
                slack,
                properties,
                () -> {
                    throw new AssertionError("the base URL check must not call Slack");
                },
                null,
                null,
                null,
                slack::botToken,
                false);

        // when
        Check check = checks.baseUrl();

        // then
        assertThat(check.outcome()).as(check.toString()).isEqualTo(expected);
        assertThat(check.outcome() == Check.Outcome.OK || check.fix() != null).isTrue();
    }
}
