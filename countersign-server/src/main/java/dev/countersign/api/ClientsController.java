package dev.countersign.api;

import dev.countersign.access.ApiClients;
import dev.countersign.access.Caller;
import dev.countersign.access.Scope;
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

/** API clients: the credentials of machines (CI jobs, pipelines). The admin token only. */
@RestController
@RequestMapping("/api/v1/clients")
@Tag(name = "Clients", description = "Credentials for machines: scoped, and never deciding")
@SecurityRequirement(name = "bearer")
class ClientsController {

    private final ApiClients clients;

    ClientsController(ApiClients clients) {
        this.clients = clients;
    }

    @Schema(name = "NewClient")
    record NewClient(
            @Schema(example = "ci-prod", requiredMode = Schema.RequiredMode.REQUIRED)
            String name,

            @Schema(
                    description = "requests:write (create, cancel and record execution of its own "
                            + "requests) and/or requests:read (get, list, wait, events)",
                    example = "[\"requests:write\", \"requests:read\"]",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            List<String> scopes) {}

    @Schema(name = "Client")
    record ClientView(
            String id,
            String name,
            List<String> scopes,
            boolean active,
            Instant createdAt,
            String createdBy,
            Instant revokedAt,
            Instant lastUsedAt,

            @Schema(description = "Only in the answer that created it: shown once, stored only as a hash")
            String token) {

        static ClientView of(ApiClients.ApiClient c, String token) {
            return new ClientView(
                    c.id(),
                    c.name(),
                    c.scopes().stream().map(Scope::value).sorted().toList(),
                    c.active(),
                    c.createdAt(),
                    c.createdBy(),
                    c.revokedAt(),
                    c.lastUsedAt(),
                    token);
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Create an API client",
            description = "The answer carries its token, once, as 'token'. "
                    + "422 for a bad name or scope (a client never has 'decide'); 409 when the name was ever used.")
    ClientView create(@RequestBody NewClient body, @AuthenticationPrincipal Caller caller) {
        caller.requireAdmin("create API clients");
        var created = clients.create(body.name(), body.scopes(), caller.describe());
        return ClientView.of(created.client(), created.token());
    }

    @GetMapping
    @Operation(summary = "List API clients, oldest first", description = "Never their tokens.")
    List<ClientView> list(@AuthenticationPrincipal Caller caller) {
        caller.requireAdmin("list API clients");
        return clients.list().stream().map(c -> ClientView.of(c, null)).toList();
    }

    @PostMapping("/{id}/revoke")
    @Operation(
            summary = "Revoke an API client",
            description = "Its token stops working at once on this instance, "
                    + "within seconds on the others. Revoking again changes nothing.")
    ClientView revoke(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
        caller.requireAdmin("revoke API clients");
        return ClientView.of(clients.revoke(id, caller.describe()), null);
    }
}
