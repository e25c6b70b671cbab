package dev.countersign.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** Body of {@code POST /api/v1/requests/{id}/cancel}; may be empty. */
@Schema(name = "CancelInput")
record CancelInput(
        @Schema(description = "Who cancels; recorded in the audit trail", example = "alice@example.com") String by,
        String reason) {
}
