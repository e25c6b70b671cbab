package dev.countersign.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The API clients: machines with a name, scopes and one token, kept as a hash. */
@Component
public class ApiClients {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    /** What a client may be given: never {@link Scope#DECIDE}. */
    static final Set<Scope> GRANTABLE = EnumSet.of(Scope.REQUESTS_READ, Scope.REQUESTS_WRITE);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ApiClients(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    /** A client as listed: never its token. */
    public record ApiClient(
            String id,
            String name,
            Set<Scope> scopes,
            Instant createdAt,
            String createdBy,
            Instant revokedAt,
            String revokedBy,
            Instant lastUsedAt) {
        public boolean active() {
            return revokedAt == null;
        }
    }

    /** A new client and its token, which exists only in this answer. */
    public record CreatedClient(ApiClient client, String token) {}

    /**
     * @throws InvalidCredentialRequest for a bad name, an unknown scope or {@code decide}
     * @throws CredentialConflict       when the name is taken (also by a revoked client: names are never reused)
     */
    public CreatedClient create(String name, List<String> scopeNames, String by) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidCredentialRequest("name must be 1 to 64 characters of a-z, 0-9, '.', '_' or '-', "
                    + "starting with a letter or digit, e.g. ci-prod; was "
                    + (name == null ? "missing" : "'" + name + "'"));
        }
        Set<Scope> scopes = scopes(scopeNames);
        String token = Tokens.newToken();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String id = Tokens.newId();
        try {
            jdbc.sql("""
                    insert into api_client (id, name, scopes, token_hash, created_at, created_by)
                    values (?, ?, ?, ?, ?, ?)""")
                    .params(id, name, text(scopes), Tokens.hash(token), at(now), by)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new CredentialConflict("a client named '" + name + "' exists already (names are never reused, "
                    + "also after a revocation); choose another name");
        }
        return new CreatedClient(new ApiClient(id, name, scopes, now, by, null, null, null), token);
    }

    public List<ApiClient> list() {
        return jdbc.sql("select * from api_client order by created_at, id")
                .query(ApiClients::client)
                .list();
    }

    public Optional<ApiClient> find(String id) {
        return jdbc.sql("select * from api_client where id = ?")
                .param(id)
                .query(ApiClients::client)
                .optional();
    }

    /** @throws CredentialNotFound when there is no such client; revoking twice keeps the first revocation */
    @Transactional
    public ApiClient revoke(String id, String by) {
        ApiClient client = find(id).orElseThrow(() -> new CredentialNotFound("no API client with id '" + id + "'"));
        if (client.active()) {
            jdbc.sql("update api_client set revoked_at = ?, revoked_by = ? where id = ? and revoked_at is null")
                    .params(at(clock.instant()), by, id)
                    .update();
            events.publishEvent(new CredentialRevoked(id));
        }
        return find(id).orElseThrow();
    }

    /** The active client holding this token hash. */
    Optional<ApiClient> activeByHash(String hash) {
        return jdbc.sql("select * from api_client where token_hash = ? and revoked_at is null")
                .param(hash)
                .query(ApiClients::client)
                .optional();
    }

    void used(String id, Instant at) {
        jdbc.sql("update api_client set last_used_at = ? where id = ?")
                .params(at(at), id)
                .update();
    }

    private static Set<Scope> scopes(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new InvalidCredentialRequest("scopes is required: one or more of " + grantable());
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String name : names) {
            Scope scope = Scope.of(name)
                    .orElseThrow(() -> new InvalidCredentialRequest(
                            "unknown scope '" + name + "'; a client may have " + grantable()));
            if (!GRANTABLE.contains(scope)) {
                throw new InvalidCredentialRequest("a client never decides, so it cannot have scope '"
                        + scope.value() + "'; give the person a personal token instead "
                        + "(POST /api/v1/people/{email}/tokens)");
            }
            scopes.add(scope);
        }
        return scopes;
    }

    private static String grantable() {
        return GRANTABLE.stream().map(Scope::value).collect(Collectors.joining(", "));
    }

    static String text(Set<Scope> scopes) {
        return scopes.stream().map(Scope::value).sorted().collect(Collectors.joining(" "));
    }

    static Set<Scope> parse(String text) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        Arrays.stream(text.split(" ")).map(Scope::of).flatMap(Optional::stream).forEach(scopes::add);
        return scopes;
    }

    static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static ApiClient client(ResultSet rs, int row) throws SQLException {
        return new ApiClient(
                rs.getString("id"),
                rs.getString("name"),
                parse(rs.getString("scopes")),
                instant(rs, "created_at"),
                rs.getString("created_by"),
                instant(rs, "revoked_at"),
                rs.getString("revoked_by"),
                instant(rs, "last_used_at"));
    }
}
