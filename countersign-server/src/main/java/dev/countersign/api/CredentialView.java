package dev.countersign.api;

import dev.countersign.approval.Credential;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Locale;

/** The credential behind a change, as the API shows it. */
@Schema(name = "Credential")
record CredentialView(
        @Schema(allowableValues = {"admin", "override", "client", "person", "slack", "system"})
        String kind,

        @Schema(description = "The client's name, the person's email, the Slack user id")
        String name,

        @Schema(description = "For the record, e.g. \"client ci-prod\", \"admin override: …\"")
        String description) {

    static CredentialView of(Credential credential) {
        return credential == null
                ? null
                : new CredentialView(
                        credential.kind().name().toLowerCase(Locale.ROOT), credential.name(), credential.describe());
    }
}
