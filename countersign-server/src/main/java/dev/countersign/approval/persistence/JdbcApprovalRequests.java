package dev.countersign.approval.persistence;

import dev.countersign.approval.ApprovalLevel;
import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.Cancellation;
import dev.countersign.approval.Credential;
import dev.countersign.approval.Decision;
import dev.countersign.approval.Email;
import dev.countersign.approval.Execution;
import dev.countersign.approval.IdempotencyKey;
import dev.countersign.approval.Mode;
import dev.countersign.approval.Reminders;
import dev.countersign.approval.RequestId;
import dev.countersign.approval.RequestPage;
import dev.countersign.approval.RequestQuery;
import dev.countersign.approval.RequestSpec;
import dev.countersign.approval.Required;
import dev.countersign.approval.Status;
import dev.countersign.approval.Verdict;
import dev.countersign.approval.Via;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link ApprovalRequests} on a relational database. A request is one row plus its levels, approvers and
 * decisions; level statuses are derived, never stored. Decisions are only ever inserted.
 */
@Repository
class JdbcApprovalRequests implements ApprovalRequests {

    private static final TypeReference<LinkedHashMap<String, String>> FIELDS = new TypeReference<>() {};
    private static final TypeReference<List<String>> EMAILS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final JsonMapper json = JsonMapper.builder().build();

    JdbcApprovalRequests(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    @Override
    public void add(ApprovalRequest request, IdempotencyKey key) {
        RequestSpec spec = request.spec();
        Reminders reminders = spec.reminders();
        try {
            jdbc.sql("""
                    insert into approval_request (id, type, title, description, fields, requester, mode, executors,
                        channel, callback_url, expires_after, status, level_number, created_at, expires_at,
                        decided_at, idempotency_key, idempotency_fingerprint, version, remind_every, max_reminders,
                        escalate_to, created_by, cancelled_by, cancel_reason)
                    values (:id, :type, :title, :description, :fields, :requester, :mode, :executors,
                        :channel, :callbackUrl, :expiresAfter, :status, :levelNumber, :createdAt, :expiresAt,
                        :decidedAt, :idempotencyKey, :fingerprint, 0, :remindEvery, :maxReminders, :escalateTo,
                        :createdBy, :cancelledBy, :cancelReason)
                    """)
                    .param("id", request.id().value())
                    .param("type", spec.type())
                    .param("title", spec.title())
                    .param("description", spec.description())
                    .param("fields", json.writeValueAsString(spec.fields()))
                    .param("requester", spec.requester().value())
                    .param("mode", spec.mode().name())
                    .param(
                            "executors",
                            json.writeValueAsString(
                                    spec.executors().stream().map(Email::value).toList()))
                    .param("channel", spec.channel())
                    .param("callbackUrl", spec.callbackUrl())
                    .param(
                            "expiresAfter",
                            spec.expiresAfter() == null
                                    ? null
                                    : spec.expiresAfter().toString())
                    .param("status", request.status().name())
                    .param("levelNumber", request.levelNumber())
                    .param("createdAt", timestamp(request.createdAt()))
                    .param("expiresAt", timestamp(request.expiresAt()))
                    .param("decidedAt", timestamp(request.decidedAt()))
                    .param("idempotencyKey", key == null ? null : key.key())
                    .param("fingerprint", key == null ? null : key.fingerprint())
                    .param(
                            "remindEvery",
                            reminders == null || reminders.every() == null
                                    ? null
                                    : reminders.every().toString())
                    .param("maxReminders", reminders == null ? null : reminders.max())
                    .param(
                            "escalateTo",
                            reminders == null || reminders.escalateTo().isEmpty()
                                    ? null
                                    : json.writeValueAsString(reminders.escalateTo()))
                    .param(
                            "createdBy",
                            spec.createdBy() == null ? null : spec.createdBy().stored())
                    .param(
                            "cancelledBy",
                            request.cancellation().map(Cancellation::by).orElse(null))
                    .param(
                            "cancelReason",
                            request.cancellation().map(Cancellation::reason).orElse(null))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new DuplicateIdempotencyKey(key == null ? "(none)" : key.key(), e);
        }
        String id = request.id().value();
        List<ApprovalLevel> levels = spec.levels();
        List<Object[]> levelRows = new ArrayList<>();
        List<Object[]> approverRows = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            ApprovalLevel level = levels.get(i);
            levelRows.add(new Object[] {
                id, i + 1, level.required() instanceof Required.AtLeast(int count) ? count : null
            });
            for (int p = 0; p < level.approvers().size(); p++) {
                approverRows.add(
                        new Object[] {id, i + 1, p, level.approvers().get(p).value()});
            }
        }
        batch.batchUpdate("insert into approval_level (request_id, level_no, required) values (?, ?, ?)", levelRows);
        batch.batchUpdate(
                "insert into approval_approver (request_id, level_no, position, email) values (?, ?, ?, ?)",
                approverRows);
        insertDecisions(decisionRows(request.id(), request.decisions(), 0));
    }

    @Override
    public Optional<ApprovalRequest> find(RequestId id) {
        return load(jdbc.sql("select * from approval_request where id = :id").param("id", id.value())).stream()
                .findFirst();
    }

    @Override
    public Optional<IdempotentSubmission> findByIdempotencyKey(String key) {
        return jdbc.sql("select id, idempotency_fingerprint from approval_request where idempotency_key = :key")
                .param("key", key)
                .query((rs, n) -> new IdempotentSubmission(new RequestId(rs.getString(1)), rs.getString(2)))
                .optional();
    }

    @Override
    public List<ApprovalRequest> findAll(Collection<RequestId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return load(jdbc.sql("select * from approval_request where id in (:ids)")
                .param("ids", ids.stream().map(RequestId::value).distinct().toList()));
    }

    @Override
    public void update(ApprovalRequest changed) {
        updateAll(List.of(changed));
    }

    /** One batch for the rows, one query for what decisions are stored, one batch for the new ones. */
    @Override
    public void updateAll(List<ApprovalRequest> changed) {
        if (changed.isEmpty()) {
            return;
        }
        int[] rows = batch.batchUpdate(
                """
                        update approval_request
                           set status = ?, level_number = ?, decided_at = ?, executed_by = ?, executed_at = ?,
                               executed_via = ?, cancelled_by = ?, cancel_reason = ?, version = version + 1
                         where id = ? and version = ?
                        """,
                changed.stream()
                        .map(request -> {
                            Execution execution = request.execution();
                            Cancellation cancellation = request.cancellation().orElse(null);
                            return new Object[] {
                                request.status().name(),
                                request.levelNumber(),
                                timestamp(request.decidedAt()),
                                execution == null ? null : execution.executor().value(),
                                execution == null ? null : timestamp(execution.at()),
                                execution == null ? null : execution.via().name(),
                                cancellation == null ? null : cancellation.by(),
                                cancellation == null ? null : cancellation.reason(),
                                request.id().value(),
                                request.version()
                            };
                        })
                        .toList());
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == 0) {
                throw new ConcurrentRequestChange(changed.get(i).id());
            }
        }
        // The version checks above hold the rows: nobody else has added decisions since these copies were loaded.
        Map<String, Integer> stored = new HashMap<>();
        jdbc.sql("select request_id, count(*) from decision where request_id in (:ids) group by request_id")
                .param(
                        "ids",
                        changed.stream().map(request -> request.id().value()).toList())
                .query(rs -> {
                    stored.put(rs.getString(1), rs.getInt(2));
                });
        List<Object[]> decisions = new ArrayList<>();
        for (ApprovalRequest request : changed) {
            decisions.addAll(decisionRows(
                    request.id(),
                    request.decisions(),
                    stored.getOrDefault(request.id().value(), 0)));
        }
        insertDecisions(decisions);
    }

    private static List<Object[]> decisionRows(RequestId id, List<Decision> decisions, int from) {
        List<Object[]> rows = new ArrayList<>();
        for (int seq = from; seq < decisions.size(); seq++) {
            Decision d = decisions.get(seq);
            rows.add(new Object[] {
                id.value(),
                seq,
                d.level(),
                d.approver().value(),
                d.onBehalfOf() == null ? null : d.onBehalfOf().value(),
                d.voter().value(),
                d.verdict().name(),
                d.reason(),
                timestamp(d.at()),
                d.via().name()
            });
        }
        return rows;
    }

    private void insertDecisions(List<Object[]> rows) {
        if (!rows.isEmpty()) {
            batch.batchUpdate("""
                    insert into decision (request_id, seq, level_no, approver, on_behalf_of, voter, verdict, reason,
                        decided_at, via) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, rows);
        }
    }

    @Override
    public RequestPage search(RequestQuery query) {
        StringBuilder sql = new StringBuilder("select * from approval_request r where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (query.status() != null) {
            sql.append(" and r.status = :status");
            params.put("status", query.status().name());
        }
        if (query.requester() != null) {
            sql.append(" and r.requester = :requester");
            params.put("requester", query.requester().value());
        }
        if (query.approver() != null) {
            sql.append(
                    " and exists (select 1 from approval_approver a where a.request_id = r.id and a.email = :approver)");
            params.put("approver", query.approver().value());
        }
        if (query.after() != null) {
            sql.append(" and (r.created_at < :afterAt or (r.created_at = :afterAt and r.id < :afterId))");
            params.put("afterAt", timestamp(query.after().createdAt()));
            params.put("afterId", query.after().id().value());
        }
        sql.append(" order by r.created_at desc, r.id desc limit :limit");
        params.put("limit", query.limit() + 1);
        List<ApprovalRequest> found = load(jdbc.sql(sql.toString()).params(params));
        if (found.size() <= query.limit()) {
            return new RequestPage(found, null);
        }
        List<ApprovalRequest> page = found.subList(0, query.limit());
        ApprovalRequest last = page.getLast();
        return new RequestPage(List.copyOf(page), new RequestPage.Position(last.createdAt(), last.id()));
    }

    /**
     * One pass from the person's approver rows (index {@code approval_approver_by_email}) to the pending requests
     * asking that level; the unique (request, voter) index answers "not voted yet". The core's own rule has the last
     * word, so a request the SQL lets through for a reason it does not know is still left out.
     */
    @Override
    public List<ApprovalRequest> awaitingDecisionBy(Email approver, int limit) {
        return load(jdbc.sql("""
                        select r.* from approval_request r
                        join approval_approver a on a.request_id = r.id and a.level_no = r.level_number
                        where a.email = :me and r.status = 'PENDING' and r.requester <> :me
                          and not exists (select 1 from decision d where d.request_id = r.id and d.voter = :me)
                        order by r.created_at desc, r.id desc
                        limit :limit
                        """).param("me", approver.value()).param("limit", limit)).stream()
                .filter(r -> r.awaits(approver, r.levelNumber()))
                .toList();
    }

    @Override
    public List<RequestId> endedSince(Instant since) {
        return jdbc.sql("select id from approval_request where decided_at >= :since")
                .param("since", timestamp(since))
                .query((rs, n) -> new RequestId(rs.getString(1)))
                .list();
    }

    @Override
    public List<RequestId> dueToExpire(Instant now, int limit) {
        return jdbc.sql("""
                        select id from approval_request where status = 'PENDING' and expires_at <= :now
                        order by expires_at fetch first :limit rows only
                        """)
                .param("now", timestamp(now))
                .param("limit", limit)
                .query((rs, n) -> new RequestId(rs.getString(1)))
                .list();
    }

    @Override
    public List<RequestId> overdueUrgent(Instant createdBefore) {
        return jdbc.sql("""
                        select id from approval_request
                        where mode = 'URGENT' and status = 'PENDING' and created_at < :before
                        order by created_at, id
                        """)
                .param("before", timestamp(createdBefore))
                .query((rs, n) -> new RequestId(rs.getString(1)))
                .list();
    }

    /** Loads whole aggregates for the rows a statement selects: one query per table, whatever the count. */
    private List<ApprovalRequest> load(JdbcClient.StatementSpec requestRows) {
        List<RequestRow> rows = requestRows.query(this::requestRow).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> ids = rows.stream().map(RequestRow::id).toList();
        Map<String, TreeMap<Integer, Required>> rules = new HashMap<>();
        jdbc.sql("select request_id, level_no, required from approval_level where request_id in (:ids)")
                .param("ids", ids)
                .query(rs -> {
                    int required = rs.getInt("required");
                    Required rule = rs.wasNull() ? Required.all() : Required.atLeast(required);
                    rules.computeIfAbsent(rs.getString("request_id"), k -> new TreeMap<>())
                            .put(rs.getInt("level_no"), rule);
                });
        Map<String, Map<Integer, List<Email>>> approvers = new HashMap<>();
        jdbc.sql("""
                        select request_id, level_no, email from approval_approver where request_id in (:ids)
                        order by request_id, level_no, position
                        """).param("ids", ids).query(rs -> {
            approvers
                    .computeIfAbsent(rs.getString("request_id"), k -> new HashMap<>())
                    .computeIfAbsent(rs.getInt("level_no"), k -> new ArrayList<>())
                    .add(new Email(rs.getString("email")));
        });
        Map<String, List<Decision>> decisions = new HashMap<>();
        jdbc.sql("select * from decision where request_id in (:ids) order by request_id, seq")
                .param("ids", ids)
                .query(rs -> {
                    decisions
                            .computeIfAbsent(rs.getString("request_id"), k -> new ArrayList<>())
                            .add(decision(rs));
                });
        List<ApprovalRequest> requests = new ArrayList<>(rows.size());
        for (RequestRow row : rows) {
            List<ApprovalLevel> levels = new ArrayList<>();
            rules.getOrDefault(row.id(), new TreeMap<>())
                    .forEach((number, rule) -> levels.add(new ApprovalLevel(
                            approvers.getOrDefault(row.id(), Map.of()).getOrDefault(number, List.of()), rule)));
            requests.add(row.toRequest(levels, decisions.getOrDefault(row.id(), List.of())));
        }
        return requests;
    }

    private record RequestRow(
            String id,
            String type,
            String title,
            String description,
            Map<String, String> fields,
            Email requester,
            Mode mode,
            List<Email> executors,
            String channel,
            String callbackUrl,
            Duration expiresAfter,
            Status status,
            int levelNumber,
            Instant createdAt,
            Instant expiresAt,
            Instant decidedAt,
            Execution execution,
            long version,
            Reminders reminders,
            Credential createdBy,
            Cancellation cancellation) {

        ApprovalRequest toRequest(List<ApprovalLevel> levels, List<Decision> decisions) {
            var spec = new RequestSpec(
                    type,
                    title,
                    description,
                    fields,
                    requester,
                    levels,
                    mode,
                    executors,
                    channel,
                    expiresAfter,
                    callbackUrl,
                    reminders,
                    createdBy);
            return ApprovalRequest.restore(
                    new RequestId(id),
                    spec,
                    createdAt,
                    expiresAt,
                    version,
                    status,
                    levelNumber,
                    decisions,
                    execution,
                    decidedAt,
                    cancellation);
        }
    }

    private RequestRow requestRow(ResultSet rs, int n) throws SQLException {
        String executedBy = rs.getString("executed_by");
        String expiresAfter = rs.getString("expires_after");
        return new RequestRow(
                rs.getString("id"),
                rs.getString("type"),
                rs.getString("title"),
                rs.getString("description"),
                json.readValue(rs.getString("fields"), FIELDS),
                new Email(rs.getString("requester")),
                Mode.valueOf(rs.getString("mode")),
                json.readValue(rs.getString("executors"), EMAILS).stream()
                        .map(Email::new)
                        .toList(),
                rs.getString("channel"),
                rs.getString("callback_url"),
                expiresAfter == null ? null : Duration.parse(expiresAfter),
                Status.valueOf(rs.getString("status")),
                rs.getInt("level_number"),
                instant(rs, "created_at"),
                instant(rs, "expires_at"),
                instant(rs, "decided_at"),
                executedBy == null
                        ? null
                        : new Execution(
                                new Email(executedBy),
                                instant(rs, "executed_at"),
                                Via.valueOf(rs.getString("executed_via"))),
                rs.getLong("version"),
                reminders(rs),
                Credential.parse(rs.getString("created_by")),
                cancellation(rs, Status.valueOf(rs.getString("status"))));
    }

    private static Cancellation cancellation(ResultSet rs, Status status) throws SQLException {
        return status == Status.CANCELLED
                ? new Cancellation(rs.getString("cancelled_by"), rs.getString("cancel_reason"))
                : null;
    }

    private Reminders reminders(ResultSet rs) throws SQLException {
        String every = rs.getString("remind_every");
        Integer max = rs.getObject("max_reminders", Integer.class);
        String contacts = rs.getString("escalate_to");
        if (every == null && max == null && contacts == null) {
            return null;
        }
        return new Reminders(
                every == null ? null : Duration.parse(every),
                max,
                contacts == null ? List.of() : json.readValue(contacts, EMAILS));
    }

    private static Decision decision(ResultSet rs) throws SQLException {
        String onBehalfOf = rs.getString("on_behalf_of");
        return new Decision(
                rs.getInt("level_no"),
                new Email(rs.getString("approver")),
                onBehalfOf == null ? null : new Email(onBehalfOf),
                Verdict.valueOf(rs.getString("verdict")),
                rs.getString("reason"),
                instant(rs, "decided_at"),
                Via.valueOf(rs.getString("via")));
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
