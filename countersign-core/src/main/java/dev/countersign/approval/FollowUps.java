package dev.countersign.approval;

import java.util.List;

/**
 * Port: work a change makes necessary (notifications, callbacks, the announcement of the change to the rest of the
 * application), written down inside the change's own transaction. Either both the change and its follow-ups are
 * stored, or neither: a crash right after commit loses no notification, and a change that rolled back sends none.
 * Implementations only write; they never call out.
 */
@FunctionalInterface
public interface FollowUps {

    FollowUps NONE = (request, events) -> {};

    void record(ApprovalRequest request, List<ApprovalEvent> events);

    /**
     * The follow-ups of many changes made in one transaction (the scheduler expiring a batch of requests). The same
     * as recording each in turn; an implementation may write them with fewer statements.
     */
    default void recordAll(List<RequestChanged> changes) {
        changes.forEach(change -> record(change.request(), change.events()));
    }

    /** All of them, in order. */
    static FollowUps all(List<? extends FollowUps> followUps) {
        List<FollowUps> copy = List.copyOf(followUps);
        return new FollowUps() {
            @Override
            public void record(ApprovalRequest request, List<ApprovalEvent> events) {
                copy.forEach(followUp -> followUp.record(request, events));
            }

            @Override
            public void recordAll(List<RequestChanged> changes) {
                copy.forEach(followUp -> followUp.recordAll(changes));
            }
        };
    }
}
