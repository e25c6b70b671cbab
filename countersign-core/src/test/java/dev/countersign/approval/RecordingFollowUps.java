package dev.countersign.approval;

import java.util.ArrayList;
import java.util.List;

/** Keeps each call's changes: one list per {@link #record} or {@link #recordAll} call, in order. */
final class RecordingFollowUps implements FollowUps {

    private final List<List<RequestChanged>> calls = new ArrayList<>();

    @Override
    public synchronized void record(ApprovalRequest request, List<ApprovalEvent> events) {
        calls.add(List.of(new RequestChanged(request, List.copyOf(events))));
    }

    @Override
    public synchronized void recordAll(List<RequestChanged> changes) {
        calls.add(List.copyOf(changes));
    }

    synchronized List<List<RequestChanged>> calls() {
        return List.copyOf(calls);
    }
}
