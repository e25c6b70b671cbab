package dev.countersign.approval;

import java.time.Instant;

/**
 * One recorded decision. {@code approver} is the person who acted; {@code onBehalfOf} is set when they acted as
 * someone's proxy, and then the vote is that person's.
 */
public record Decision(
        int level, Email approver, Email onBehalfOf, Verdict verdict, String reason, Instant at, Via via) {

    /** Whose vote this is: the principal when a proxy acted, else the approver. */
    public Email voter() {
        return onBehalfOf != null ? onBehalfOf : approver;
    }
}
