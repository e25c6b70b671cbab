package dev.countersign.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Delivery problems recorded on requests. */
@Repository
public class DeliveryProblems {

    private static final int MAX_PROBLEM = 1000;

    private final JdbcClient jdbc;

    DeliveryProblems(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String requestId, String recipient, String problem, Instant at) {
        jdbc.sql("insert into delivery_problem (request_id, recipient, problem, at) values (?, ?, ?, ?)")
                .params(
                        requestId,
                        recipient,
                        problem.length() <= MAX_PROBLEM ? problem : problem.substring(0, MAX_PROBLEM - 3) + "...",
                        at.atOffset(ZoneOffset.UTC))
                .update();
    }

    /** Oldest first. */
    public List<DeliveryProblem> of(String requestId) {
        return jdbc.sql("select recipient, problem, at from delivery_problem where request_id = ? order by id")
                .param(requestId)
                .query((rs, n) -> new DeliveryProblem(rs.getString("recipient"), rs.getString("problem"), at(rs)))
                .list();
    }

    private static Instant at(ResultSet rs) throws SQLException {
        return rs.getObject("at", OffsetDateTime.class).toInstant();
    }
}
