package dev.countersign.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** Body of {@code POST /api/v1/delegations}. */
@Schema(name = "NewDelegation")
record NewDelegation(
        @Schema(
                description = "The delegator: the approver who is away",
                example = "alice@example.com",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String from,

        @Schema(
                description = "The delegate, who decides in their place",
                example = "bob@example.com",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String to,

        @Schema(description = "ISO-8601 instant; now when left out", example = "2026-12-01T08:00:00Z")
        String startsAt,

        @Schema(
                description = "ISO-8601 instant, after startsAt and in the future",
                example = "2026-12-08T08:00:00Z",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String endsAt,

        String reason,

        @Schema(description = "Who sets it up, for the record; \"admin\" when left out", example = "alice@example.com")
        String by) {}
