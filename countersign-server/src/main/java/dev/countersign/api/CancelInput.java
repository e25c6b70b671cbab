package dev.countersign.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** Body of {@code POST /api/v1/requests/{id}/cancel}; may be empty. */
@Schema(name = "CancelInput")
record CancelInput(
        @Schema(
                description = "With the admin token only: on whose word it cancels, for the record. Other "
                        + "credentials cancel as themselves.",
                example = "alice@example.com")
        String by,

        String reason) {}
