package dev.countersign.approval;

public enum Verdict {
    APPROVE,
    REJECT
}
