package dev.countersign.approval;

import java.util.List;

/** One step of the chain: who is asked, and how many of them must approve. */
public record ApprovalLevel(List<Email> approvers, Required required) {

    public static final int MAX_APPROVERS = 50;

    public ApprovalLevel {
        approvers = List.copyOf(approvers);
    }

    public boolean lists(Email person) {
        return approvers.contains(person);
    }
}
