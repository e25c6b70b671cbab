package dev.countersign.approval;

import java.util.ArrayList;
import java.util.List;

/** Keeps what was published, and whether a transaction was still open at that moment. */
final class RecordingEventListener implements ApprovalEventListener {

    record Publication(RequestId id, Status status, List<ApprovalEvent> events, boolean insideTransaction) {
        List<String> actions() {
            return events.stream().map(ApprovalEvent::action).toList();
        }
    }

    private final RecordingTransactions transactions;
    private final List<Publication> publications = new ArrayList<>();

    RecordingEventListener(RecordingTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public synchronized void published(ApprovalRequest request, List<ApprovalEvent> events) {
        publications.add(new Publication(request.id(), request.status(), List.copyOf(events), transactions.open()));
    }

    synchronized List<Publication> publications() {
        return List.copyOf(publications);
    }
}
