package dev.countersign.api;

import dev.countersign.access.Caller;
import dev.countersign.access.People;
import dev.countersign.access.Scope;
import dev.countersign.approval.Email;
import dev.countersign.approval.InvalidApprovalRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The people directory and each person's own tokens. The admin token only, for now. */
@RestController
@RequestMapping("/api/v1/people")
@Tag(name = "People", description = "The directory of people, and their personal tokens")
@SecurityRequirement(name = "bearer")
class PeopleController {

    private final People people;

    PeopleController(People people) {
        this.people = people;
    }

    @Schema(name = "NewPerson")
    record NewPerson(
            @Schema(example = "bob@example.com", requiredMode = Schema.RequiredMode.REQUIRED)
            String email,

            @Schema(example = "Bob Builder") String name,
            Boolean admin) {}

    @Schema(name = "Person")
    record PersonView(String email, String name, boolean admin, Instant createdAt, String createdBy) {
        static PersonView of(People.Person p) {
            return new PersonView(p.email().value(), p.name(), p.admin(), p.createdAt(), p.createdBy());
        }
    }

    @Schema(name = "NewToken")
    record NewToken(
            @Schema(example = "laptop", description = "To tell one's tokens apart; \"token\" when left out")
            String name) {}

    @Schema(name = "PersonalToken")
    record TokenView(
            String id,
            String email,
            String name,
            List<String> scopes,
            boolean active,
            Instant createdAt,
            String createdBy,
            Instant revokedAt,
            Instant lastUsedAt,

            @Schema(description = "Only in the answer that created it: shown once, stored only as a hash")
            String token) {

        static TokenView of(People.PersonalToken t, String secret) {
            return new TokenView(
                    t.id(),
                    t.email().value(),
                    t.name(),
                    t.scopes().stream().map(Scope::value).sorted().toList(),
                    t.active(),
                    t.createdAt(),
                    t.createdBy(),
                    t.revokedAt(),
                    t.lastUsedAt(),
                    secret);
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a person to the directory", description = "409 when they are in it already.")
    PersonView add(@RequestBody NewPerson body, @AuthenticationPrincipal Caller caller) {
        caller.requireAdmin("add people");
        return PersonView.of(
                people.add(email(body.email()), body.name(), Boolean.TRUE.equals(body.admin()), caller.describe()));
    }

    @GetMapping
    @Operation(summary = "List people, by email")
    List<PersonView> list(@AuthenticationPrincipal Caller caller) {
        caller.requireAdmin("list people");
        return people.list().stream().map(PersonView::of).toList();
    }

    @PostMapping("/{email}/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Create a personal token",
            description = "Bound to this person, with scopes decide and "
                    + "requests:read: it decides as this person and as nobody else. The answer carries the token once, as "
                    + "'token'. The person is added to the directory when missing. The body is optional.")
    TokenView createToken(
            @PathVariable String email,
            @RequestBody(required = false) NewToken body,
            @AuthenticationPrincipal Caller caller) {
        caller.requireAdmin("create personal tokens");
        var created = people.createToken(email(email), body == null ? null : body.name(), caller.describe());
        return TokenView.of(created.token(), created.secret());
    }

    @GetMapping("/{email}/tokens")
    @Operation(summary = "A person's tokens, oldest first", description = "Never the tokens themselves.")
    List<TokenView> tokens(@PathVariable String email, @AuthenticationPrincipal Caller caller) {
        caller.requireAdmin("list personal tokens");
        return people.tokensOf(email(email)).stream()
                .map(t -> TokenView.of(t, null))
                .toList();
    }

    @PostMapping("/{email}/tokens/{id}/revoke")
    @Operation(
            summary = "Revoke a personal token",
            description = "It stops working at once on this instance, " + "within seconds on the others.")
    TokenView revokeToken(@PathVariable String email, @PathVariable String id, @AuthenticationPrincipal Caller caller) {
        caller.requireAdmin("revoke personal tokens");
        return TokenView.of(people.revokeToken(email(email), id, caller.describe()), null);
    }

    private static Email email(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidApprovalRequest("email is required");
        }
        return new Email(value);
    }
}
