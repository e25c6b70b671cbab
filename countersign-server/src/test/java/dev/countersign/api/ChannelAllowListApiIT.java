package dev.countersign.api;

import static dev.countersign.api.ApiClient.REQUESTS;
import static dev.countersign.api.NewRequestBody.request;
import static dev.countersign.api.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/** With {@code COUNTERSIGN_SLACK_ALLOWED_CHANNELS} set, callers may have Countersign post only where it lists. */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "countersign.api-token=" + ChannelAllowListApiIT.TOKEN,
            "countersign.slack.allowed-channels=#approvals, C0APPROVE1"
        })
@ContextConfiguration(initializers = FreshDataDirectory.class)
class ChannelAllowListApiIT {

    static final String TOKEN = "cs-allow-list-token-0b7d-0123456789abcdef";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ApiClient api;
    private Cast cast;

    @BeforeEach
    void connect() {
        api = ApiClient.onPort(port, TOKEN);
        cast = Cast.fresh();
    }

    @Test
    void aRequestToAChannelOutsideTheListIs422NamingTheChannelAndCreatesNothing() {
        // given
        StoredCounts before = StoredCounts.of(jdbc);

        // when
        ApiClient.Answer toRandom = api.post(
                REQUESTS,
                request("Deploy", cast.alice())
                        .level(1, cast.bob())
                        .with("channel", "#random")
                        .json());
        ApiClient.Answer escalatingElsewhere = api.post(
                REQUESTS,
                request("Deploy", cast.alice())
                        .level(1, cast.bob())
                        .with("channel", "#approvals")
                        .reminders("PT1H", 2, cast.bob(), "#oncall")
                        .json());

        // then
        assertThatProblem(toRandom).is(422).detailContains("'#random'", "#approvals, C0APPROVE1");
        assertThat(toRandom.json().path("errors").get(0).asString()).contains("channel '#random'");
        assertThatProblem(escalatingElsewhere).is(422).detailContains("reminders.escalateTo channel '#oncall'");
        assertThat(StoredCounts.of(jdbc))
                .as("a refused request must not be stored")
                .isEqualTo(before);
    }

    @Test
    void requestsToListedChannelsByNameInAnyCaseOrByIdAreCreated() {
        // when
        var byName = api.create(request("Deploy", cast.alice())
                .level(1, cast.bob())
                .with("channel", "APPROVALS")
                .reminders("PT1H", 2, "#approvals", cast.bob()));
        var byId =
                api.create(request("Deploy", cast.alice()).level(1, cast.bob()).with("channel", "C0APPROVE1"));
        var nowhere = api.create(request("Deploy", cast.alice()).level(1, cast.bob()));

        // then
        assertThat(byName.path("status").asString()).isEqualTo("pending");
        assertThat(byId.path("status").asString()).isEqualTo("pending");
        assertThat(nowhere.path("status").asString()).isEqualTo("pending");
    }
}
