package dev.countersign.approval;

import java.util.Objects;

/**
 * The credential a change came in with, recorded on every audit entry and, for a new request, as who created it.
 * It is what answers "who really acted": a CI job's API client, a person's own token, a Slack user, or an
 * administrator's override, whatever name a request body carried.
 *
 * @param kind what sort of credential
 * @param name the client's name, the person's email, the Slack user id, or a fixed word for the rest
 * @param note a detail for the record: a token's name, an override's reason; {@code null} for none
 */
public record Credential(Kind kind, String name, String note) {

    public enum Kind {
        /** The bootstrap admin token. */
        ADMIN,
        /** The bootstrap admin token, deciding in an approver's name. */
        OVERRIDE,
        /** A machine's API client token. */
        CLIENT,
        /** A person's own API token. */
        PERSON,
        /** A Slack user, identified by their user id. */
        SLACK,
        /** Countersign itself: expiry, the scheduler. */
        SYSTEM
    }

    public Credential {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(name);
    }

    public static Credential admin() {
        return new Credential(Kind.ADMIN, "admin", null);
    }

    public static Credential override(String reason) {
        return new Credential(Kind.OVERRIDE, "admin", reason);
    }

    public static Credential client(String clientName) {
        return new Credential(Kind.CLIENT, clientName, null);
    }

    public static Credential person(Email email, String tokenName) {
        return new Credential(Kind.PERSON, email.value(), tokenName);
    }

    public static Credential slackUser(String userId) {
        return new Credential(Kind.SLACK, userId, null);
    }

    public static Credential system() {
        return new Credential(Kind.SYSTEM, "countersign", null);
    }

    /** For the record, e.g. {@code client ci-prod}, {@code personal token "laptop" of bob@example.com}. */
    public String describe() {
        return switch (kind) {
            case ADMIN -> "admin token";
            case OVERRIDE -> "admin override" + (note == null ? "" : ": " + note);
            case CLIENT -> "client " + name;
            case PERSON -> "personal token" + (note == null ? "" : " \"" + note + "\"") + " of " + name;
            case SLACK -> "Slack user " + name;
            case SYSTEM -> "countersign";
        };
    }

    /**
     * The stored form, {@code kind:name[:note]}; {@link #parse} reads it back. A name never holds a colon (emails,
     * client names and Slack user ids cannot); the note, which may, comes last.
     */
    public String stored() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + name + (note == null ? "" : ":" + note);
    }

    public static Credential parse(String stored) {
        if (stored == null) {
            return null;
        }
        String[] parts = stored.split(":", 3);
        return new Credential(
                Kind.valueOf(parts[0].toUpperCase(java.util.Locale.ROOT)),
                parts.length > 1 ? parts[1] : "",
                parts.length > 2 ? parts[2] : null);
    }
}
