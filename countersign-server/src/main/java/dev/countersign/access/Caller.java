package dev.countersign.access;

import dev.countersign.approval.Credential;
import dev.countersign.approval.Email;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

/**
 * Whoever presented a valid bearer token: the bootstrap {@link Admin}, an API {@link Client} (a machine), or a
 * {@link Person} with a token of their own. It is the principal of Spring Security's authentication, so adapters
 * receive it with {@code @AuthenticationPrincipal}.
 */
public sealed interface Caller extends OAuth2AuthenticatedPrincipal {

    /** What to record as the credential behind a change this caller makes. */
    Credential credential();

    /** How this caller is named to itself in refusals, e.g. {@code client "ci-prod"}. */
    String describe();

    boolean has(Scope scope);

    /** @throws AccessRefused naming the scope and who has it, unless this caller has it */
    default void require(Scope scope, String toDo) {
        if (!has(scope)) {
            throw new AccessRefused("to " + toDo + " a token needs scope " + scope.value() + "; " + describe() + " has "
                    + scopesText() + ". " + whoHas(scope));
        }
    }

    /** @throws AccessRefused unless this is the admin token */
    default void requireAdmin(String toDo) {
        if (!(this instanceof Admin)) {
            throw new AccessRefused("only the admin token (COUNTERSIGN_API_TOKEN or the generated api-token "
                    + "file) may " + toDo + "; " + describe() + " may not");
        }
    }

    private String scopesText() {
        Set<Scope> scopes = scopes();
        return scopes.isEmpty()
                ? "no scopes"
                : scopes.stream().map(Scope::value).sorted().collect(Collectors.joining(", "));
    }

    private static String whoHas(Scope scope) {
        return scope == Scope.DECIDE
                ? "Only a person's own token decides: create one with POST /api/v1/people/{email}/tokens "
                        + "(countersign tokens create --person EMAIL)."
                : "Create an API client with it: POST /api/v1/clients (countersign clients create).";
    }

    Set<Scope> scopes();

    @Override
    default Map<String, Object> getAttributes() {
        return Map.of();
    }

    @Override
    default Collection<? extends GrantedAuthority> getAuthorities() {
        List<GrantedAuthority> authorities = new ArrayList<>();
        scopes().forEach(scope -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope.value())));
        if (this instanceof Admin) {
            authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
        }
        return authorities;
    }

    /** The bootstrap admin token: everything except deciding, which it does only as an explicit override. */
    record Admin() implements Caller {
        public Credential credential() {
            return Credential.admin();
        }

        public String describe() {
            return "the admin token";
        }

        public boolean has(Scope scope) {
            return scope != Scope.DECIDE;
        }

        public Set<Scope> scopes() {
            return Set.of(Scope.REQUESTS_READ, Scope.REQUESTS_WRITE);
        }

        public String getName() {
            return "admin";
        }
    }

    /** A machine's API client. It never decides. */
    record Client(String id, String name, Set<Scope> scopes) implements Caller {
        public Client {
            scopes = Set.copyOf(scopes);
        }

        public Credential credential() {
            return Credential.client(name);
        }

        public String describe() {
            return "client \"" + name + "\"";
        }

        public boolean has(Scope scope) {
            return scope != Scope.DECIDE && scopes.contains(scope);
        }

        public String getName() {
            return "client:" + name;
        }
    }

    /** A person's own token: decides as that person (and reads), never as anybody else. */
    record Person(String tokenId, String tokenName, Email email, Set<Scope> scopes) implements Caller {
        public Person {
            scopes = Set.copyOf(scopes);
        }

        public Credential credential() {
            return Credential.person(email, tokenName);
        }

        public String describe() {
            return "the personal token \"" + tokenName + "\" of " + email.value();
        }

        public boolean has(Scope scope) {
            return scopes.contains(scope);
        }

        public String getName() {
            return email.value();
        }
    }
}
