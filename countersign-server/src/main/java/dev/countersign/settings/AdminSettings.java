package dev.countersign.settings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What administrators changed, read by every instance from the database. Reads come from a snapshot at most
 * {@code refresh} old (a second by default), so a change made on one instance is in force on all of them within that
 * time, and on the instance that made it at once; the hot paths (a Slack click) never wait for the database.
 */
public class AdminSettings implements ChangedSettings {

    /** A stored value: a flag's value, or that a secret is set (never the secret itself). */
    public record Stored(Setting setting, Boolean flag, Instant updatedAt, String updatedBy) {}

    /** One audited change. {@code change} never holds a secret: "set", "replaced", "cleared", or "on → off". */
    public record Change(Setting setting, String change, Instant at, String by) {}

    private record Row(String value, Instant updatedAt, String updatedBy) {}

    private record Snapshot(Map<Setting, Row> rows, Instant readAt) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final SecretBox box;
    private final Clock clock;
    private final Duration refresh;
    private volatile Snapshot snapshot;

    /**
     * @param secretKey {@code COUNTERSIGN_SECRET_KEY}, or {@code null}: then no secret can be stored
     * @throws IllegalArgumentException when the key is shorter than 32 characters
     */
    public AdminSettings(
            JdbcClient jdbc, TransactionTemplate transactions, String secretKey, Clock clock, Duration refresh) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.box = secretKey == null || secretKey.isBlank() ? null : new SecretBox(secretKey);
        this.clock = clock;
        this.refresh = refresh;
    }

    @Override
    public boolean flag(Setting setting, boolean fallback) {
        requireKind(setting, Setting.Kind.FLAG);
        Row row = current().rows().get(setting);
        return row == null ? fallback : Boolean.parseBoolean(row.value());
    }

    @Override
    public Optional<String> secret(Setting setting) {
        requireKind(setting, Setting.Kind.SECRET);
        Row row = current().rows().get(setting);
        if (row == null) {
            return Optional.empty();
        }
        if (box == null) {
            throw new SettingsUnavailable("a " + setting.apiName() + " is stored in the database, but "
                    + "COUNTERSIGN_SECRET_KEY is not set, so it cannot be read: set the key it was stored with");
        }
        return Optional.of(box.open(setting, row.value()));
    }

    /** What is stored, for display: flags with their values, secrets only as "set". */
    public Map<Setting, Stored> stored() {
        Map<Setting, Stored> stored = new EnumMap<>(Setting.class);
        current()
                .rows()
                .forEach((setting, row) -> stored.put(
                        setting,
                        new Stored(
                                setting,
                                setting.secret() ? null : Boolean.parseBoolean(row.value()),
                                row.updatedAt(),
                                row.updatedBy())));
        return stored;
    }

    /** Whether secrets can be stored (a {@code COUNTERSIGN_SECRET_KEY} is configured). */
    public boolean canStoreSecrets() {
        return box != null;
    }

    /**
     * Changes several settings at once, all or none, each audited. A value of {@link Optional#empty()} clears the
     * setting: it falls back to the configuration again. Flags take a {@link Boolean}, secrets a {@link String}.
     *
     * @throws SettingsUnavailable when a secret is to be stored without {@code COUNTERSIGN_SECRET_KEY}
     */
    public void change(Map<Setting, Optional<Object>> changes, String by) {
        Objects.requireNonNull(by);
        for (var entry : changes.entrySet()) {
            entry.getValue().ifPresent(value -> check(entry.getKey(), value));
        }
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> changes.forEach((setting, value) -> {
            Row before = read().get(setting);
            String stored = value.map(v -> setting.secret() ? box.seal(setting, (String) v) : v.toString())
                    .orElse(null);
            String change = describe(setting, before, stored);
            if (change == null) {
                return;
            }
            jdbc.sql("delete from admin_setting where name = ?")
                    .param(setting.name())
                    .update();
            if (stored != null) {
                jdbc.sql("insert into admin_setting (name, setting_value, updated_at, updated_by) values (?, ?, ?, ?)")
                        .params(setting.name(), stored, now.atOffset(ZoneOffset.UTC), by)
                        .update();
            }
            jdbc.sql("insert into admin_setting_change (name, change, changed_at, changed_by) values (?, ?, ?, ?)")
                    .params(setting.name(), change, now.atOffset(ZoneOffset.UTC), by)
                    .update();
        }));
        snapshot = null;
    }

    /** The audit of changes, newest first. */
    public List<Change> changes(int limit) {
        return jdbc.sql("select * from admin_setting_change order by id desc limit ?")
                .param(limit)
                .query((rs, n) -> new Change(
                        Setting.valueOf(rs.getString("name")),
                        rs.getString("change"),
                        rs.getObject("changed_at", OffsetDateTime.class).toInstant(),
                        rs.getString("changed_by")))
                .list();
    }

    private void check(Setting setting, Object value) {
        if (setting.secret()) {
            if (!(value instanceof String text) || text.isBlank()) {
                throw new IllegalArgumentException(setting.apiName() + " must be a non-empty string");
            }
            if (box == null) {
                throw new SettingsUnavailable("secrets are stored encrypted, and COUNTERSIGN_SECRET_KEY is not set: "
                        + "set it (at least 32 random characters, e.g. from `openssl rand -base64 32`, the same on "
                        + "every instance) and restart, then store "
                        + setting.apiName() + " again");
            }
        } else if (!(value instanceof Boolean)) {
            throw new IllegalArgumentException(setting.apiName() + " must be true or false");
        }
    }

    /** What the audit says of a change, or null when nothing changes. */
    private static String describe(Setting setting, Row before, String after) {
        if (after == null) {
            return before == null ? null : "cleared";
        }
        if (setting.secret()) {
            return before == null ? "set" : "replaced";
        }
        boolean on = Boolean.parseBoolean(after);
        if (before != null && Boolean.parseBoolean(before.value()) == on) {
            return null;
        }
        return (before == null ? "" : (Boolean.parseBoolean(before.value()) ? "on" : "off") + " → ")
                + (on ? "on" : "off");
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if (s == null || !now.isBefore(s.readAt().plus(refresh)) || now.isBefore(s.readAt())) {
            s = new Snapshot(read(), now);
            snapshot = s;
        }
        return s;
    }

    private Map<Setting, Row> read() {
        Map<Setting, Row> rows = new EnumMap<>(Setting.class);
        record Read(String name, Row row) {}
        jdbc.sql("select name, setting_value, updated_at, updated_by from admin_setting")
                .query((rs, n) -> new Read(
                        rs.getString("name"),
                        new Row(
                                rs.getString("setting_value"),
                                rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                                rs.getString("updated_by"))))
                .list()
                .forEach(read -> Setting.byName(read.name()).ifPresent(setting -> rows.put(setting, read.row())));
        return rows;
    }

    private static void requireKind(Setting setting, Setting.Kind kind) {
        if (setting.kind() != kind) {
            throw new IllegalArgumentException(
                    setting + " is not a " + kind.name().toLowerCase());
        }
    }
}
