package dev.countersign.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

@Schema(name = "AuditEntry")
record AuditEntryView(
        Instant at,
        String action,
        String actor,
        String onBehalfOf,
        String via,
        String detail,

        @Schema(
                description = "The credential that acted: a client, a personal token, a Slack user, "
                        + "the admin token or an admin override")
        CredentialView credential) {}
