package dev.countersign.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** Body of {@code POST /api/v1/requests/{id}/decisions}. */
@Schema(name = "DecisionInput")
record DecisionInput(
        @Schema(example = "bob@example.com", requiredMode = Schema.RequiredMode.REQUIRED) String approver,
        @Schema(allowableValues = {"approve", "reject"}, requiredMode = Schema.RequiredMode.REQUIRED) String verdict,
        @Schema(description = "Required when rejecting") String reason,
        @Schema(description = "The approver this person acts for as proxy (needs an active delegation)")
        String onBehalfOf) {
}
