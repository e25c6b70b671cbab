package dev.countersign.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** Body of {@code POST /api/v1/requests/{id}/decisions}. */
@Schema(name = "DecisionInput")
record DecisionInput(
        @Schema(
                example = "bob@example.com",
                description = "With a personal token: left out, or the token's own "
                        + "person (anyone else is 403). With the admin token's override: the approver decided for.")
        String approver,

        @Schema(
                allowableValues = {"approve", "reject"},
                requiredMode = Schema.RequiredMode.REQUIRED)
        String verdict,

        @Schema(description = "Required when rejecting") String reason,

        @Schema(
                description = "The approver this person acts for as proxy (needs an active delegation); left out, "
                        + "a delegate decides for the one waiting approver whose delegation they hold")
        String onBehalfOf,

        @Schema(
                description = "Only with the admin token: decide in the approver's name, recorded and shown "
                        + "everywhere as an admin override")
        Override override) {

    @Schema(name = "Override")
    record Override(
            @Schema(
                    description = "Why the admin decides instead of the approver",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String reason) {}
}
