package dev.countersign.delegation;

import java.util.List;

/**
 * Port: work a delegation's start or end makes necessary (asking the delegate about what is pending, taking their
 * buttons away), written down inside the transaction that records the start or end, exactly as
 * {@link dev.countersign.approval.FollowUps} is for requests. Implementations only write (to the delivery outbox);
 * they never call out.
 */
public interface DelegationFollowUps {

    /** The delegation became active: once per delegation. */
    default void record(DelegationStarted started) {}

    /** The delegation ended (revoked, or its time ran out): once per delegation that had started. */
    default void record(DelegationEnded ended) {}

    /** All of them, in order. */
    static DelegationFollowUps all(List<? extends DelegationFollowUps> followUps) {
        List<DelegationFollowUps> copy = List.copyOf(followUps);
        return new DelegationFollowUps() {
            @Override
            public void record(DelegationStarted started) {
                copy.forEach(followUp -> followUp.record(started));
            }

            @Override
            public void record(DelegationEnded ended) {
                copy.forEach(followUp -> followUp.record(ended));
            }
        };
    }
}
