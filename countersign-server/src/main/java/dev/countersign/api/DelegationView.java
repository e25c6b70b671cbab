package dev.countersign.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** A delegation as the API shows it. */
@Schema(name = "Delegation")
record DelegationView(
        String id,
        String from,
        String to,
        Instant startsAt,
        Instant endsAt,
        String reason,

        @Schema(allowableValues = {"scheduled", "active", "ended", "revoked"})
        String status,

        Instant createdAt,
        String createdBy,
        Instant revokedAt,
        String revokedBy,
        Links links) {

    @Schema(name = "DelegationLinks")
    record Links(
            String self,
            @Schema(description = "POST here to revoke it") String revoke) {}

    @Schema(name = "DelegationPage")
    record Page(
            List<DelegationView> items,

            @Schema(description = "Pass as ?cursor= for the next page; null on the last page")
            String nextCursor) {}
}
