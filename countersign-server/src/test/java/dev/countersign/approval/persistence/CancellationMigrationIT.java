package dev.countersign.approval.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.Cancellation;
import dev.countersign.approval.RequestId;
import dev.countersign.testing.TestPostgres;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * V17 keeps who cancelled a request, and why, on the request. Requests cancelled before it get both from their audit
 * trail, on each database we support: the migration runs on a database holding what V16 left.
 */
class CancellationMigrationIT {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 5, 6, 7, 8, 9, 0, ZoneOffset.UTC);

    private static DriverManagerDataSource database(String vendor) {
        return vendor.equals("postgresql")
                ? new DriverManagerDataSource(
                        TestPostgres.freshDatabase("cancellation"), TestPostgres.USER, TestPostgres.PASSWORD)
                // As application.yaml opens the embedded database.
                : new DriverManagerDataSource(
                        "jdbc:h2:mem:cancellation-" + UUID.randomUUID()
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                        "",
                        "");
    }

    private static void migrate(DriverManagerDataSource dataSource, String vendor, String target) {
        Flyway.configure()
                .dataSource(dataSource)
                .target(target)
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
                .load()
                .migrate();
    }

    /** A request as V16 stores it: alice asks bob; {@code status} as given. */
    private static RequestId request(JdbcClient jdbc, String status) {
        RequestId id = RequestId.random();
        jdbc.sql("""
                        insert into approval_request (id, type, title, fields, requester, mode, executors, status,
                            level_number, created_at, decided_at, version)
                        values (:id, 'deploy', 'Deploy', '{}', 'alice@example.com', 'STANDARD', '[]', :status, 1,
                            :createdAt, :decidedAt, 1)
                        """)
                .param("id", id.value())
                .param("status", status)
                .param("createdAt", T0)
                .param("decidedAt", status.equals("PENDING") ? null : T0.plusMinutes(5))
                .update();
        jdbc.sql("insert into approval_level (request_id, level_no, required) values (?, 1, null)")
                .param(id.value())
                .update();
        jdbc.sql("insert into approval_approver (request_id, level_no, position, email) values (?, 1, 0, ?)")
                .params(id.value(), "bob@example.com")
                .update();
        return id;
    }

    private static void audited(JdbcClient jdbc, RequestId id, String action, String actor, String detail) {
        jdbc.sql("""
                        insert into audit_event (request_id, occurred_at, action, actor, via, detail)
                        values (?, ?, ?, ?, 'API', ?)
                        """)
                .params(id.value(), T0.plusMinutes(5), action, actor, detail)
                .update();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void requestsCancelledBeforeKeepWhoCancelledThemAndWhyFromTheirAuditTrail(String vendor) {
        // given: what V16 left behind
        DriverManagerDataSource dataSource = database(vendor);
        migrate(dataSource, vendor, "16");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        RequestId withReason = request(jdbc, "CANCELLED");
        audited(jdbc, withReason, "request-submitted", "alice@example.com", "standard request with 1 level(s)");
        audited(jdbc, withReason, "request-cancelled", "alice@example.com", "cancelled: wrong build: v2.3");
        RequestId withoutReason = request(jdbc, "CANCELLED");
        audited(jdbc, withoutReason, "request-cancelled", "admin", "cancelled");
        RequestId unaudited = request(jdbc, "CANCELLED");
        RequestId pending = request(jdbc, "PENDING");
        audited(jdbc, pending, "request-submitted", "alice@example.com", "standard request with 1 level(s)");

        // when
        migrate(dataSource, vendor, "latest");

        // then
        var requests = new JdbcApprovalRequests(jdbc, new JdbcTemplate(dataSource));
        assertThat(requests.find(withReason).map(ApprovalRequest::cancellation).orElseThrow())
                .contains(new Cancellation("alice@example.com", "wrong build: v2.3"));
        assertThat(requests.find(withoutReason)
                        .map(ApprovalRequest::cancellation)
                        .orElseThrow())
                .contains(new Cancellation("admin", null));
        assertThat(requests.find(unaudited).map(ApprovalRequest::cancellation).orElseThrow())
                .contains(new Cancellation(null, null));
        assertThat(requests.find(pending).map(ApprovalRequest::cancellation).orElseThrow())
                .isEmpty();
    }
}
