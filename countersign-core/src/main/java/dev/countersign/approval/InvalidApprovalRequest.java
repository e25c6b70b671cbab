package dev.countersign.approval;

import java.util.List;

/** The request (or a decision on it) is not valid as given: the caller must change what they send. */
public final class InvalidApprovalRequest extends ApprovalException {

    private final List<String> problems;

    public InvalidApprovalRequest(String problem) {
        this(List.of(problem));
    }

    public InvalidApprovalRequest(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
