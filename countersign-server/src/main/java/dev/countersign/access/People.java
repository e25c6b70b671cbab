package dev.countersign.access;

import static dev.countersign.access.ApiClients.at;
import static dev.countersign.access.ApiClients.instant;

import dev.countersign.approval.Email;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The people directory, one whatever the sign-in method (an email is who someone is), and each person's own API
 * tokens. A personal token decides as its person and reads; it never acts as anybody else.
 */
@Component
public class People {

    static final Pattern TOKEN_NAME = Pattern.compile("[\\p{Alnum} ._-]{1,64}");
    /** What every personal token may do. */
    static final Set<Scope> PERSONAL_SCOPES = EnumSet.of(Scope.DECIDE, Scope.REQUESTS_READ);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    People(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    public record Person(Email email, String name, boolean admin, Instant createdAt, String createdBy) {}

    /** A personal token as listed: never the token itself. */
    public record PersonalToken(
            String id,
            Email email,
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

    /** A new token, which exists only in this answer. */
    public record CreatedToken(PersonalToken token, String secret) {}

    /** @throws CredentialConflict when the person is in the directory already */
    public Person add(Email email, String name, boolean admin, String by) {
        String shown = name(name);
        Instant now = now();
        try {
            jdbc.sql("insert into person (email, name, admin, created_at, created_by) values (?, ?, ?, ?, ?)")
                    .params(email.value(), shown, admin, at(now), by)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new CredentialConflict(email.value() + " is in the directory already");
        }
        return new Person(email, shown, admin, now, by);
    }

    public Optional<Person> find(Email email) {
        return jdbc.sql("select * from person where email = ?")
                .param(email.value())
                .query(People::person)
                .optional();
    }

    public List<Person> list() {
        return jdbc.sql("select * from person order by email")
                .query(People::person)
                .list();
    }

    /**
     * Creates a token for this person, adding them to the directory when they are not in it yet. Not one
     * transaction: should someone add the same person at the same moment, the token goes to that entry.
     */
    public CreatedToken createToken(Email email, String name, String by) {
        String tokenName = name == null || name.isBlank() ? "token" : name.strip();
        if (!TOKEN_NAME.matcher(tokenName).matches()) {
            throw new InvalidCredentialRequest(
                    "a token's name is 1 to 64 letters, digits, spaces, '.', '_' or " + "'-', e.g. laptop");
        }
        if (find(email).isEmpty()) {
            try {
                add(email, null, false, by);
            } catch (CredentialConflict raced) {
                // Added meanwhile: the token is theirs all the same.
            }
        }
        String secret = Tokens.newToken();
        String id = Tokens.newId();
        Instant now = now();
        jdbc.sql("""
                insert into person_token (id, email, name, scopes, token_hash, created_at, created_by)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        email.value(),
                        tokenName,
                        ApiClients.text(PERSONAL_SCOPES),
                        Tokens.hash(secret),
                        at(now),
                        by)
                .update();
        return new CreatedToken(
                new PersonalToken(id, email, tokenName, PERSONAL_SCOPES, now, by, null, null, null), secret);
    }

    public List<PersonalToken> tokensOf(Email email) {
        return jdbc.sql("select * from person_token where email = ? order by created_at, id")
                .param(email.value())
                .query(People::token)
                .list();
    }

    public List<PersonalToken> allTokens() {
        return jdbc.sql("select * from person_token order by created_at, id")
                .query(People::token)
                .list();
    }

    /** @throws CredentialNotFound when this person has no such token; revoking twice keeps the first revocation */
    @Transactional
    public PersonalToken revokeToken(Email email, String id, String by) {
        PersonalToken token = token(email, id);
        if (token.active()) {
            jdbc.sql("update person_token set revoked_at = ?, revoked_by = ? where id = ? and revoked_at is null")
                    .params(at(clock.instant()), by, id)
                    .update();
            events.publishEvent(new CredentialRevoked(id));
        }
        return token(email, id);
    }

    private PersonalToken token(Email email, String id) {
        return jdbc.sql("select * from person_token where id = ? and email = ?")
                .params(id, email.value())
                .query(People::token)
                .optional()
                .orElseThrow(() -> new CredentialNotFound(email.value() + " has no token with id '" + id + "'"));
    }

    Optional<PersonalToken> activeTokenByHash(String hash) {
        return jdbc.sql("select * from person_token where token_hash = ? and revoked_at is null")
                .param(hash)
                .query(People::token)
                .optional();
    }

    void used(String tokenId, Instant at) {
        jdbc.sql("update person_token set last_used_at = ? where id = ?")
                .params(at(at), tokenId)
                .update();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String name(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String stripped = name.strip();
        if (stripped.length() > 200 || stripped.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidCredentialRequest("a name is at most 200 characters, on one line");
        }
        return stripped;
    }

    private static Person person(ResultSet rs, int row) throws SQLException {
        return new Person(
                new Email(rs.getString("email")),
                rs.getString("name"),
                rs.getBoolean("admin"),
                instant(rs, "created_at"),
                rs.getString("created_by"));
    }

    private static PersonalToken token(ResultSet rs, int row) throws SQLException {
        return new PersonalToken(
                rs.getString("id"),
                new Email(rs.getString("email")),
                rs.getString("name"),
                ApiClients.parse(rs.getString("scopes")),
                instant(rs, "created_at"),
                rs.getString("created_by"),
                instant(rs, "revoked_at"),
                rs.getString("revoked_by"),
                instant(rs, "last_used_at"));
    }
}
