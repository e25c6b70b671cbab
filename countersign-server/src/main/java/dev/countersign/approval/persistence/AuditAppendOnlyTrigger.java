package dev.countersign.approval.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/** The embedded database's guard that keeps the audit trail append-only (PostgreSQL has its own, in plpgsql). */
public class AuditAppendOnlyTrigger implements Trigger {

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException(
                "audit_event is append-only: " + (newRow == null ? "DELETE" : "UPDATE") + " is not allowed");
    }
}
