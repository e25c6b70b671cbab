package dev.countersign.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** Body of {@code POST /api/v1/requests/{id}/execution}. */
@Schema(name = "ExecutionInput")
record ExecutionInput(
        @Schema(
                example = "erin@example.com",
                description = "A listed executor. With a personal " + "token: left out, or the token's own person.")
        String executor) {}
