package dev.countersign.approval;

/** Where a request stands. Everything but {@link #PENDING} is terminal and accepts no further decisions. */
public enum Status {
    PENDING,
    APPROVED,
    REJECTED,
    EXPIRED,
    CANCELLED;

    public boolean isTerminal() {
        return this != PENDING;
    }
}
