package dev.countersign.delegation;

import dev.countersign.approval.Email;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link Delegations} on the {@code delegation} table. Besides the delegation itself each row remembers when its
 * start and its end were announced, so that the periodic sweep announces each exactly once, on any instance.
 */
class JdbcDelegations implements Delegations {

    private final JdbcClient jdbc;

    JdbcDelegations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(Delegation d, boolean announceStart) {
        jdbc.sql("""
                        insert into delegation (id, from_email, to_email, starts_at, ends_at, reason, created_at,
                                                created_by, start_announced_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(
                        d.id(),
                        d.from().value(),
                        d.to().value(),
                        at(d.startsAt()),
                        at(d.endsAt()),
                        d.reason(),
                        at(d.createdAt()),
                        d.createdBy(),
                        announceStart ? at(d.createdAt()) : null)
                .update();
    }

    @Override
    public boolean revoke(Delegation revoked) {
        return jdbc.sql("""
                        update delegation set revoked_at = ?, revoked_by = ?, end_announced_at = ?
                        where id = ? and revoked_at is null
                        """)
                        .params(at(revoked.revokedAt()), revoked.revokedBy(), at(revoked.revokedAt()), revoked.id())
                        .update()
                == 1;
    }

    @Override
    public Optional<Delegation> find(String id) {
        return jdbc.sql("select * from delegation where id = ?")
                .param(id)
                .query(JdbcDelegations::delegation)
                .optional();
    }

    @Override
    public DelegationQuery.Page search(DelegationQuery query) {
        StringBuilder sql = new StringBuilder("select * from delegation where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (query.from() != null) {
            sql.append(" and from_email = :from");
            params.put("from", query.from().value());
        }
        if (query.to() != null) {
            sql.append(" and to_email = :to");
            params.put("to", query.to().value());
        }
        if (query.activeAt() != null) {
            sql.append(" and starts_at <= :at and ends_at > :at and revoked_at is null");
            params.put("at", at(query.activeAt()));
        }
        if (query.after() != null) {
            sql.append(" and (created_at < :afterAt or (created_at = :afterAt and id < :afterId))");
            params.put("afterAt", at(query.after().createdAt()));
            params.put("afterId", query.after().id());
        }
        sql.append(" order by created_at desc, id desc limit :limit");
        params.put("limit", query.limit() + 1);
        List<Delegation> rows = new ArrayList<>(jdbc.sql(sql.toString())
                .params(params)
                .query(JdbcDelegations::delegation)
                .list());
        DelegationQuery.Position next = null;
        if (rows.size() > query.limit()) {
            rows = rows.subList(0, query.limit());
            Delegation last = rows.getLast();
            next = new DelegationQuery.Position(last.createdAt(), last.id());
        }
        return new DelegationQuery.Page(List.copyOf(rows), next);
    }

    @Override
    public List<Delegation> activeFrom(List<Email> principals, Instant at) {
        // delegation_by_from (from_email, ends_at) narrows to the principals' current and future delegations.
        return active("from_email", principals, at);
    }

    @Override
    public List<Delegation> activeTo(List<Email> proxies, Instant at) {
        // delegation_by_to (to_email, ends_at), the same way round.
        return active("to_email", proxies, at);
    }

    /** @param column {@code from_email} or {@code to_email}: a constant, never input */
    private List<Delegation> active(String column, List<Email> people, Instant at) {
        if (people.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from delegation where " + column + " in (:people) and ends_at > :at"
                        + " and starts_at <= :at and revoked_at is null")
                .param("people", people.stream().map(Email::value).toList())
                .param("at", at(at))
                .query(JdbcDelegations::delegation)
                .list();
    }

    @Override
    public List<Delegation> startedUnannounced(Instant now, int limit) {
        return jdbc.sql("""
                        select * from delegation
                        where start_announced_at is null and starts_at <= :now and ends_at > :now
                          and revoked_at is null
                        order by starts_at fetch first :limit rows only
                        """)
                .param("now", at(now))
                .param("limit", limit)
                .query(JdbcDelegations::delegation)
                .list();
    }

    @Override
    public List<Delegation> endedUnannounced(Instant now, int limit) {
        return jdbc.sql("""
                        select * from delegation
                        where end_announced_at is null and ends_at <= :now and start_announced_at is not null
                        order by ends_at fetch first :limit rows only
                        """)
                .param("now", at(now))
                .param("limit", limit)
                .query(JdbcDelegations::delegation)
                .list();
    }

    @Override
    public boolean markStartAnnounced(String id, Instant now) {
        return jdbc.sql("update delegation set start_announced_at = ? where id = ? and start_announced_at is null")
                        .params(at(now), id)
                        .update()
                == 1;
    }

    @Override
    public boolean markEndAnnounced(String id, Instant now) {
        return jdbc.sql("update delegation set end_announced_at = ? where id = ? and end_announced_at is null")
                        .params(at(now), id)
                        .update()
                == 1;
    }

    private static Delegation delegation(ResultSet rs, int row) throws SQLException {
        return new Delegation(
                rs.getString("id"),
                new Email(rs.getString("from_email")),
                new Email(rs.getString("to_email")),
                instant(rs, "starts_at"),
                instant(rs, "ends_at"),
                rs.getString("reason"),
                instant(rs, "created_at"),
                rs.getString("created_by"),
                instant(rs, "revoked_at"),
                rs.getString("revoked_by"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
