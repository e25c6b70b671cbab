package dev.countersign.approval;

/** The path a change came in by; recorded on every decision and audit event. */
public enum Via {
    API, SLACK, WEB, LINK, SCHEDULER
}
