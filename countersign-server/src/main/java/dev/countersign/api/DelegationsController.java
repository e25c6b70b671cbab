package dev.countersign.api;

import dev.countersign.access.AccessRefused;
import dev.countersign.access.Caller;
import dev.countersign.access.Scope;
import dev.countersign.approval.Email;
import dev.countersign.approval.InvalidApprovalRequest;
import dev.countersign.delegation.CreateDelegation;
import dev.countersign.delegation.Delegation;
import dev.countersign.delegation.DelegationNotFound;
import dev.countersign.delegation.DelegationQuery;
import dev.countersign.delegation.Delegations;
import dev.countersign.delegation.InvalidDelegation;
import dev.countersign.delegation.RevokeDelegation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/delegations")
@Tag(name = "Delegations", description = "Let someone decide in an approver's place for a while")
@SecurityRequirement(name = "bearer")
class DelegationsController {

    private final CreateDelegation create;
    private final RevokeDelegation revoke;
    private final Delegations delegations;
    private final RequestViews views;
    private final Clock clock;

    DelegationsController(
            CreateDelegation create,
            RevokeDelegation revoke,
            Delegations delegations,
            RequestViews views,
            Clock clock) {
        this.create = create;
        this.revoke = revoke;
        this.delegations = delegations;
        this.views = views;
        this.clock = clock;
    }

    @PostMapping
    @Operation(
            summary = "Delegate an approver's decisions",
            description = "201 with the delegation. While it is "
                    + "active, 'to' receives every approval request 'from' is asked (also those already pending) and may "
                    + "decide in their place; the decision is recorded as 'to on behalf of from'. 422 when from and to are "
                    + "the same person, or endsAt is not after startsAt or already past; 400 for a timestamp that is not "
                    + "ISO-8601.")
    ResponseEntity<DelegationView> create(
            @RequestBody NewDelegation body, @AuthenticationPrincipal Caller caller, HttpServletRequest http) {
        Email from = new Email(required("from", body.from()));
        String by = by(caller, from, body.by(), "set up a delegation from");
        Email to = new Email(required("to", body.to()));
        Instant endsAt = instant("endsAt", required("endsAt", body.endsAt()));
        Instant startsAt =
                body.startsAt() == null || body.startsAt().isBlank() ? null : instant("startsAt", body.startsAt());
        Delegation created = create.create(from, to, startsAt, endsAt, body.reason(), by);
        DelegationView view = view(created, views.baseUrl(http));
        return ResponseEntity.created(URI.create(view.links().self())).body(view);
    }

    @GetMapping
    @Operation(summary = "List delegations, newest first")
    DelegationView.Page list(
            @RequestParam(required = false) @Parameter(description = "the delegator") String from,
            @RequestParam(required = false) @Parameter(description = "the delegate") String to,
            @RequestParam(defaultValue = "false") @Parameter(description = "only those active now") boolean active,
            @RequestParam(defaultValue = "" + DelegationQuery.DEFAULT_LIMIT) int limit,
            @RequestParam(required = false) String cursor,
            @AuthenticationPrincipal Caller caller,
            HttpServletRequest http) {
        caller.require(Scope.REQUESTS_READ, "list delegations");
        DelegationQuery query;
        try {
            query = new DelegationQuery(
                    from == null ? null : new Email(from),
                    to == null ? null : new Email(to),
                    active ? clock.instant() : null,
                    limit,
                    position(cursor));
        } catch (InvalidApprovalRequest | InvalidDelegation e) {
            throw new BadApiInput(e.getMessage());
        }
        DelegationQuery.Page page = delegations.search(query);
        String base = views.baseUrl(http);
        return new DelegationView.Page(
                page.items().stream().map(d -> view(d, base)).toList(), cursor(page.next()));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One delegation")
    DelegationView get(@PathVariable String id, @AuthenticationPrincipal Caller caller, HttpServletRequest http) {
        caller.require(Scope.REQUESTS_READ, "read delegations");
        return view(delegations.find(id).orElseThrow(() -> new DelegationNotFound(id)), views.baseUrl(http));
    }

    @PostMapping("/{id}/revoke")
    @Operation(
            summary = "Revoke a delegation",
            description = "Ends it now: from this moment the delegate can no "
                    + "longer decide for the delegator, also with buttons already sent to them. 409 when it was revoked "
                    + "already or has ended.")
    DelegationView revoke(
            @PathVariable String id,
            @RequestBody(required = false) RevokeInput body,
            @AuthenticationPrincipal Caller caller,
            HttpServletRequest http) {
        Delegation delegation = delegations.find(id).orElseThrow(() -> new DelegationNotFound(id));
        String by = by(caller, delegation.from(), body == null ? null : body.by(), "revoke a delegation from");
        return view(revoke.revoke(id, by), views.baseUrl(http));
    }

    /**
     * Who sets up or ends a delegation, for the record: the admin token for anyone ("by" naming on whose word), a
     * person only their own; an API client never, since a delegation hands over someone's vote.
     */
    private static String by(Caller caller, Email from, String namedBy, String toDo) {
        return switch (caller) {
            case Caller.Admin admin -> namedBy == null || namedBy.isBlank() ? "admin" : new Email(namedBy).value();
            case Caller.Person person -> {
                if (!person.email().equals(from) || (namedBy != null && !new Email(namedBy).equals(person.email()))) {
                    throw new AccessRefused("a personal token may " + toDo + " its own person only ("
                            + person.email().value() + "); the admin token manages everyone's");
                }
                yield person.email().value();
            }
            case Caller.Client client ->
                throw new AccessRefused("an API client cannot " + toDo + " anyone: a "
                        + "delegation hands over a person's vote. The person does it with their personal token, or the "
                        + "admin token does");
        };
    }

    private DelegationView view(Delegation d, String baseUrl) {
        String self = baseUrl + "/api/v1/delegations/" + d.id();
        return new DelegationView(
                d.id(),
                d.from().value(),
                d.to().value(),
                d.startsAt(),
                d.endsAt(),
                d.reason(),
                d.status(clock.instant()).name().toLowerCase(Locale.ROOT),
                d.createdAt(),
                d.createdBy(),
                d.revokedAt(),
                d.revokedBy(),
                new DelegationView.Links(self, self + "/revoke"));
    }

    private static Instant instant(String name, String text) {
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadApiInput(
                    name + " must be an ISO-8601 timestamp such as 2026-12-08T08:00:00Z, was '" + text + "'");
        }
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidApprovalRequest(name + " is required");
        }
        return value;
    }

    private static String cursor(DelegationQuery.Position position) {
        if (position == null) {
            return null;
        }
        String raw = position.createdAt() + "|" + position.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static DelegationQuery.Position position(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            return new DelegationQuery.Position(Instant.parse(parts[0]), parts[1]);
        } catch (RuntimeException e) {
            throw new BadApiInput("cursor is not one this API handed out; pass nextCursor from the previous page");
        }
    }
}
