package dev.countersign.access;

import dev.countersign.access.Caller.Admin;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.dao.DataAccessException;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Turns a bearer token into its {@link Caller}, for Spring Security's resource server: the admin token by a
 * constant-time comparison, every other token by its hash. A token found is remembered for a few seconds, so a
 * busy CI job costs no query per call; a revocation takes effect at once on this instance and within
 * {@link #REMEMBER} on the others. {@code lastUsedAt} is written at most once a minute per token.
 */
@Component
class CallerTokens implements OpaqueTokenIntrospector {

    static final Duration REMEMBER = Duration.ofSeconds(5);
    private static final Duration USE_RECORDED_EVERY = Duration.ofMinutes(1);
    private static final int MAX_REMEMBERED = 10_000;

    private record Known(Caller caller, Instant checkedAt) {}

    private final BootstrapToken admin;
    private final ApiClients clients;
    private final People people;
    private final Clock clock;
    private final ConcurrentMap<String, Known> known = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Instant> usedAt = new ConcurrentHashMap<>();

    CallerTokens(BootstrapToken admin, ApiClients clients, People people, Clock clock) {
        this.admin = admin;
        this.clients = clients;
        this.people = people;
        this.clock = clock;
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        if (admin.matches(token)) {
            return new Admin();
        }
        if (!token.startsWith(Tokens.PREFIX) || token.length() > 200) {
            throw new BadOpaqueTokenException("the token is not valid");
        }
        String hash = Tokens.hash(token);
        Instant now = clock.instant();
        Known remembered = known.get(hash);
        if (remembered != null && remembered.checkedAt().plus(REMEMBER).isAfter(now)) {
            recordUse(remembered.caller(), now);
            return remembered.caller();
        }
        Optional<Caller> found;
        try {
            found = lookUp(hash);
        } catch (DataAccessException | TransactionException e) {
            throw new CredentialsUnavailable(e);
        }
        Caller caller = found.orElseThrow(() -> {
            known.remove(hash);
            return new BadOpaqueTokenException("the token is not valid (unknown or revoked)");
        });
        if (known.size() >= MAX_REMEMBERED) {
            known.clear();
        }
        known.put(hash, new Known(caller, now));
        recordUse(caller, now);
        return caller;
    }

    /**
     * Forgets every remembered token, so that a revocation on this instance takes effect with the next call. After
     * commit, like every reaction to a change; a revocation made outside a transaction is committed when published,
     * and is heard at once ({@code fallbackExecution}).
     */
    @TransactionalEventListener(classes = CredentialRevoked.class, fallbackExecution = true)
    void forget() {
        known.clear();
    }

    private Optional<Caller> lookUp(String hash) {
        Optional<Caller> client = clients.activeByHash(hash).map(c -> new Caller.Client(c.id(), c.name(), c.scopes()));
        if (client.isPresent()) {
            return client;
        }
        return people.activeTokenByHash(hash).map(t -> new Caller.Person(t.id(), t.name(), t.email(), t.scopes()));
    }

    /** Best effort: a caller is let in whether or not the moment of use could be written down. */
    private void recordUse(Caller caller, Instant now) {
        String key = switch (caller) {
            case Caller.Client client -> "client:" + client.id();
            case Caller.Person person -> "token:" + person.tokenId();
            case Admin ignored -> null;
        };
        if (key == null) {
            return;
        }
        Instant last = usedAt.get(key);
        if (last != null && last.plus(USE_RECORDED_EVERY).isAfter(now)) {
            return;
        }
        usedAt.put(key, now);
        try {
            switch (caller) {
                case Caller.Client client -> clients.used(client.id(), now);
                case Caller.Person person -> people.used(person.tokenId(), now);
                case Admin ignored -> {}
            }
        } catch (DataAccessException | TransactionException e) {
            usedAt.remove(key);
        }
    }
}
