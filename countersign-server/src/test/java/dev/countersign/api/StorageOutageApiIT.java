package dev.countersign.api;

import static dev.countersign.api.NewRequestBody.request;
import static dev.countersign.api.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.countersign.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * When PostgreSQL goes away, callers get a 503 they can retry (not a 500, not a hang), nothing half-done is
 * stored, and the service carries on by itself once the database is back.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "countersign.api-token=" + RunningApp.TOKEN,
            "spring.datasource.hikari.connection-timeout=1000",
            "spring.datasource.hikari.validation-timeout=500"
        })
@ContextConfiguration(initializers = FreshDataDirectory.class)
class StorageOutageApiIT {

    private static String database;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = TestPostgres.freshDatabase("outage");
        database = url.substring(url.lastIndexOf('/') + 1);
        registry.add("countersign.db.url", () -> url);
        registry.add("countersign.db.user", () -> TestPostgres.USER);
        registry.add("countersign.db.password", () -> TestPostgres.PASSWORD);
    }

    @LocalServerPort
    int port;

    private ApiClient api;
    private Cast cast;

    @BeforeEach
    void connect() {
        api = ApiClient.onPort(port);
        cast = Cast.fresh();
    }

    @AfterEach
    void databaseBack() throws SQLException {
        admin("alter database " + database + " allow_connections true");
    }

    @Test
    void answersRetryableProblemsDuringAnOutageAndRecoversWhenTheDatabaseIsBack() throws SQLException {
        // given: a pending request
        String id = api.create(request("Deploy", cast.alice()).level(1, cast.bob()))
                .path("id")
                .asString();
        api.personalToken(cast.bob());

        // when: the database refuses every connection and drops the open ones
        admin("alter database " + database + " allow_connections false");
        admin("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database + "'");
        ApiClient.Answer decision = api.decide(id, cast.bob(), "approve", null);
        ApiClient.Answer read = api.get(ApiClient.REQUESTS + "/" + id);

        // then: retryable problems that say so
        assertThatProblem(decision).is(503).detailContains("retry shortly", "never counted twice");
        assertThat(decision.headers().firstValue("Retry-After")).hasValue("5");
        assertThatProblem(read).is(503);

        // when: the database is back, and the caller retries as a 503 invites it to (the pool reconnects by itself)
        admin("alter database " + database + " allow_connections true");
        AtomicReference<ApiClient.Answer> retried = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    retried.set(api.decide(id, cast.bob(), "approve", null));
                    return retried.get().status() != 503;
                });

        // then: the retry is the one decision that counts
        assertThat(retried.get().status()).as(retried.get().toString()).isEqualTo(200);
        assertThat(api.fetch(id).path("status").asString()).isEqualTo("approved");
        assertThat(api.fetch(id).path("decisions").size()).isEqualTo(1);
    }

    private static void admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        TestPostgres.url("postgres"), TestPostgres.USER, TestPostgres.PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
