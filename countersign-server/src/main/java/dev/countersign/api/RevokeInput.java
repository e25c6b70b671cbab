package dev.countersign.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** Body of {@code POST /api/v1/delegations/{id}/revoke}; may be empty. */
@Schema(name = "RevokeInput")
record RevokeInput(
        @Schema(description = "Who revokes, for the record; \"admin\" when left out", example = "alice@example.com")
        String by) {}
