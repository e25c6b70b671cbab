package dev.countersign.approval;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps each change as the server's announcement follow-up hears it, and whether a transaction was still open at that
 * moment (it must be: the announcement is delivered after commit, so a rollback announces nothing).
 */
final class RecordingAnnouncements implements FollowUps {

    record Publication(RequestId id, Status status, List<ApprovalEvent> events, boolean insideTransaction) {
        List<String> actions() {
            return events.stream().map(ApprovalEvent::action).toList();
        }
    }

    private final RecordingTransactions transactions;
    private final List<Publication> publications = new ArrayList<>();

    RecordingAnnouncements(RecordingTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public synchronized void record(ApprovalRequest request, List<ApprovalEvent> events) {
        publications.add(new Publication(request.id(), request.status(), List.copyOf(events), transactions.open()));
    }

    synchronized List<Publication> publications() {
        return List.copyOf(publications);
    }
}
