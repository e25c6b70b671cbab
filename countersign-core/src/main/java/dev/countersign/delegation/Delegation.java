package dev.countersign.delegation;

import dev.countersign.approval.Email;
import java.time.Instant;
import java.util.Objects;

/**
 * A delegation: from {@code startsAt} (inclusive) to {@code endsAt} (exclusive), {@code to} may decide in place of
 * {@code from}, unless it was revoked earlier. Immutable; {@link #revoke} returns the revoked copy.
 *
 * @param createdBy who set it up (the delegator, or an administrator), for the record
 */
public record Delegation(
        String id,
        Email from,
        Email to,
        Instant startsAt,
        Instant endsAt,
        String reason,
        Instant createdAt,
        String createdBy,
        Instant revokedAt,
        String revokedBy) {

    public static final int MAX_REASON = 2000;

    public Delegation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
    }

    /**
     * A new delegation, checked against the rules: nobody delegates to themselves (it would mean nothing, and a
     * chain through oneself could hide a self-approval), the window is not empty, and it has not already ended —
     * a delegation that could never be used is a mistake the caller wants to hear about.
     *
     * @param startsAt {@code null} means now
     * @throws InvalidDelegation naming the broken rule
     */
    public static Delegation create(
            String id,
            Email from,
            Email to,
            Instant startsAt,
            Instant endsAt,
            String reason,
            String createdBy,
            Instant now) {
        Instant starts = startsAt == null ? now : startsAt;
        if (from.equals(to)) {
            throw new InvalidDelegation(
                    "from and to are the same person (" + from + "); a delegation names someone " + "else");
        }
        if (endsAt == null) {
            throw new InvalidDelegation("endsAt is required: a delegation always ends");
        }
        if (!endsAt.isAfter(now)) {
            throw new InvalidDelegation("endsAt (" + endsAt + ") is in the past; a delegation must end in the future");
        }
        if (!endsAt.isAfter(starts)) {
            throw new InvalidDelegation("endsAt (" + endsAt + ") must be after startsAt (" + starts + ")");
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.length() > MAX_REASON) {
            throw new InvalidDelegation("reason must be at most " + MAX_REASON + " characters");
        }
        return new Delegation(id, from, to, starts, endsAt, why, now, createdBy, null, null);
    }

    /** Whether {@code to} may act for {@code from} at {@code at}: inside the window and not revoked by then. */
    public boolean activeAt(Instant at) {
        return !startsAt.isAfter(at) && endsAt.isAfter(at) && (revokedAt == null || revokedAt.isAfter(at));
    }

    public DelegationStatus status(Instant now) {
        if (revokedAt != null && !revokedAt.isAfter(now)) {
            return DelegationStatus.REVOKED;
        }
        if (startsAt.isAfter(now)) {
            return DelegationStatus.SCHEDULED;
        }
        return endsAt.isAfter(now) ? DelegationStatus.ACTIVE : DelegationStatus.ENDED;
    }

    /**
     * Ends the delegation now, before its time. Only a delegation that is still scheduled or active can be revoked:
     * revoking one that is over already would change a record of the past.
     *
     * @throws DelegationConflict when it was revoked already or has ended
     */
    public Delegation revoke(String by, Instant now) {
        DelegationStatus status = status(now);
        if (status == DelegationStatus.REVOKED) {
            throw new DelegationConflict(
                    "delegation " + id + " was already revoked at " + revokedAt + " by " + revokedBy);
        }
        if (status == DelegationStatus.ENDED) {
            throw new DelegationConflict("delegation " + id + " already ended at " + endsAt);
        }
        return new Delegation(id, from, to, startsAt, endsAt, reason, createdAt, createdBy, now, by);
    }

    /** When it stops being usable: its end, or its revocation if that came first. */
    public Instant effectiveEnd() {
        return revokedAt != null && revokedAt.isBefore(endsAt) ? revokedAt : endsAt;
    }
}
