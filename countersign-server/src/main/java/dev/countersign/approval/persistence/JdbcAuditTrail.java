package dev.countersign.approval.persistence;

import dev.countersign.approval.ApprovalEvent;
import dev.countersign.approval.AuditEntry;
import dev.countersign.approval.AuditTrail;
import dev.countersign.approval.Credential;
import dev.countersign.approval.Email;
import dev.countersign.approval.RequestId;
import dev.countersign.approval.Via;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The audit trail as an insert-only table. */
@Repository
class JdbcAuditTrail implements AuditTrail {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    JdbcAuditTrail(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    @Override
    public void append(List<ApprovalEvent> events, Credential credential) {
        batch.batchUpdate(
                """
                        insert into audit_event (request_id, occurred_at, action, actor, on_behalf_of, via, detail,
                                                 credential)
                        values (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                events.stream()
                        .map(event -> AuditEntry.of(event, credential))
                        .map(e -> new Object[] {
                            e.requestId().value(),
                            JdbcApprovalRequests.timestamp(e.at()),
                            e.action(),
                            e.actor(),
                            e.onBehalfOf() == null ? null : e.onBehalfOf().value(),
                            e.via().name(),
                            truncated(e.detail()),
                            credential == null ? null : truncated(credential.stored())
                        })
                        .toList());
    }

    @Override
    public List<AuditEntry> of(RequestId id) {
        return jdbc.sql("select * from audit_event where request_id = :id order by id")
                .param("id", id.value())
                .query((rs, n) -> {
                    String onBehalfOf = rs.getString("on_behalf_of");
                    return new AuditEntry(
                            new RequestId(rs.getString("request_id")),
                            JdbcApprovalRequests.instant(rs, "occurred_at"),
                            rs.getString("action"),
                            rs.getString("actor"),
                            onBehalfOf == null ? null : new Email(onBehalfOf),
                            Via.valueOf(rs.getString("via")),
                            rs.getString("detail"),
                            Credential.parse(rs.getString("credential")));
                })
                .list();
    }

    private static String truncated(String detail) {
        return detail.length() <= 8000 ? detail : detail.substring(0, 7997) + "...";
    }
}
