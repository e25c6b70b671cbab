package dev.countersign.api;

import org.springframework.jdbc.core.simple.JdbcClient;

/** How many requests, decisions and audit events are stored: to show that a refused call changed nothing. */
record StoredCounts(long requests, long decisions, long auditEvents) {

    static StoredCounts of(JdbcClient jdbc) {
        return new StoredCounts(count(jdbc, "approval_request"), count(jdbc, "decision"), count(jdbc, "audit_event"));
    }

    private static long count(JdbcClient jdbc, String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}
