package dev.countersign.approval;

import java.time.Instant;

/**
 * A decision as cast, before the rules have looked at it.
 *
 * @param approver   the person acting
 * @param onBehalfOf the person they act for as proxy, or {@code null} when they act for themselves
 */
public record Vote(Email approver, Email onBehalfOf, Verdict verdict, String reason, Via via, Instant at) {

    public Email voter() {
        return onBehalfOf != null ? onBehalfOf : approver;
    }

    boolean byProxy() {
        return onBehalfOf != null && !onBehalfOf.equals(approver);
    }
}
