package dev.countersign.schedule;

import dev.countersign.approval.ApprovalEvent;
import dev.countersign.approval.ApprovalEvent.LevelApproved;
import dev.countersign.approval.ApprovalEvent.RequestSubmitted;
import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.FollowUps;
import dev.countersign.approval.RequestChanged;
import java.time.Clock;
import java.util.List;

/**
 * Keeps each request's reminder schedule in step with it, in the transaction of the change: a level being asked
 * starts its own count (so a level change resets it), a finished request has none.
 */
class ReminderFollowUps implements FollowUps {

    private final RequestReminders reminders;
    private final RequestTypes types;
    private final Clock clock;

    ReminderFollowUps(RequestReminders reminders, RequestTypes types, Clock clock) {
        this.reminders = reminders;
        this.types = types;
        this.clock = clock;
    }

    /** Requests that ended lose their schedules in one statement; the others as {@link #record} does. */
    @Override
    public void recordAll(List<RequestChanged> changes) {
        reminders.forgetAll(changes.stream()
                .map(RequestChanged::request)
                .filter(r -> r.status().isTerminal())
                .map(r -> r.id().value())
                .toList());
        changes.stream()
                .filter(change -> !change.request().status().isTerminal())
                .forEach(change -> record(change.request(), change.events()));
    }

    @Override
    public void record(ApprovalRequest request, List<ApprovalEvent> events) {
        String id = request.id().value();
        if (request.status().isTerminal()) {
            reminders.forget(id);
            return;
        }
        boolean levelAsked = events.stream()
                .anyMatch(e -> e instanceof RequestSubmitted
                        || (e instanceof LevelApproved approved && approved.nextLevel() != null));
        if (!levelAsked) {
            return;
        }
        var plan = types.planFor(request);
        if (plan.isEmpty()) {
            reminders.forget(id);
            return;
        }
        reminders.start(id, request.levelNumber(), plan.get().nextAfter(clock.instant()));
    }
}
