package dev.countersign.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Body of {@code POST /api/v1/requests}. */
@Schema(name = "NewRequest", description = "An approval request as a caller submits it")
record NewRequest(
        @Schema(
                description = "Kind of request, [a-z0-9-]{1,64}",
                example = "deploy",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String type,

        @Schema(example = "Deploy api v2.3 to prod", requiredMode = Schema.RequiredMode.REQUIRED)
        String title,

        String description,

        @Schema(description = "Key/value details shown to approvers")
        Map<String, String> fields,

        @Schema(example = "alice@example.com", requiredMode = Schema.RequiredMode.REQUIRED)
        String requester,

        @Schema(
                description = "Ordered approval levels; level k+1 is asked once level k is satisfied",
                requiredMode = Schema.RequiredMode.REQUIRED)
        List<NewLevel> levels,

        @Schema(
                allowableValues = {"standard", "urgent"},
                defaultValue = "standard")
        String mode,

        @Schema(description = "Emails of the people who may record the execution")
        List<String> executors,

        @Schema(description = "Slack channel to post the request to as well")
        String channel,

        @Schema(description = "ISO-8601 duration after which a pending request expires", example = "PT24H")
        String expiresAfter,

        @Schema(description = "URL that receives the outcome")
        String callbackUrl,

        @Schema(
                description = "Reminders and escalation for this request; what is left out comes from the "
                        + "request type's configuration")
        NewReminders reminders) {

    @Schema(name = "NewReminders")
    record NewReminders(
            @Schema(
                    description = "ISO-8601 duration between reminders to the approvers who have not decided",
                    example = "PT4H")
            String every,

            @Schema(description = "Reminders per level before escalating (0 to 50)", example = "3")
            Integer max,

            @Schema(
                    description = "Told once the reminders are used up: emails, and Slack channels as #name or id",
                    example = "[\"ops-lead@example.com\", \"#ops\"]")
            List<String> escalateTo) {}

    @Schema(name = "NewLevel")
    record NewLevel(
            @Schema(description = "1 to 50 emails", requiredMode = Schema.RequiredMode.REQUIRED)
            List<String> approvers,

            @Schema(
                    description = "A number (quorum) or \"all\"; default \"all\"",
                    oneOf = {Integer.class, String.class},
                    example = "1")
            JsonNode required) {}
}
