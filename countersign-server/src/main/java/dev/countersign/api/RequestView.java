package dev.countersign.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A request as the API shows it. */
@Schema(name = "Request")
record RequestView(
        String id,
        String type,
        String title,
        String description,
        Map<String, String> fields,
        String requester,

        @Schema(
                description = "The credential that created the request (an API client, the admin token), next to "
                        + "the requester it names; null for requests created before credentials were recorded")
        CredentialView createdBy,

        @Schema(allowableValues = {"standard", "urgent"}) String mode,

        @Schema(allowableValues = {"pending", "approved", "rejected", "expired", "cancelled"})
        String status,

        @Schema(description = "Whether the guarded work may run now")
        boolean executable,

        @Schema(description = "The level being asked (1-based); null once finished")
        Integer currentLevel,

        List<LevelView> levels,
        List<DecisionView> decisions,
        List<String> executors,
        ExecutionView execution,
        String channel,
        Instant createdAt,

        @Schema(description = "When the request reached its final state")
        Instant decidedAt,

        Instant expiresAt,

        @Schema(description = "Reminders asked for with this request; null when it follows its type's configuration")
        RemindersView reminders,

        @Schema(
                description = "People or channels that could not be told about this request, and why (e.g. no "
                        + "Slack account for an approver's email); empty when everyone was reached")
        List<DeliveryProblemView> deliveryProblems,

        Links links) {

    @Schema(name = "Reminders")
    record RemindersView(@Schema(example = "PT4H") String every, Integer max, List<String> escalateTo) {}

    @Schema(name = "DeliveryProblem")
    record DeliveryProblemView(
            @Schema(description = "An email or a channel") String recipient, String problem, Instant at) {}

    @Schema(name = "Level")
    record LevelView(
            List<String> approvers,

            @Schema(
                    description = "A number (quorum) or \"all\"",
                    oneOf = {Integer.class, String.class})
            Object required,

            @Schema(
                    allowableValues = {"waiting", "pending", "approved", "rejected", "closed"},
                    description = "closed: the request ended (cancelled, expired, rejected earlier) "
                            + "before this level was decided")
            String status) {}

    @Schema(name = "Decision")
    record DecisionView(
            String approver,
            String onBehalfOf,
            @Schema(allowableValues = {"approve", "reject"}) String verdict,
            String reason,
            Instant at,

            @Schema(
                    allowableValues = {"api", "slack", "web", "link", "override"},
                    description = "override: the admin token decided in the approver's name")
            String via) {}

    @Schema(name = "Execution")
    record ExecutionView(String executor, Instant at, String via) {}

    @Schema(name = "Links")
    record Links(
            String self,
            @Schema(description = "The web details page") String details) {}
}
