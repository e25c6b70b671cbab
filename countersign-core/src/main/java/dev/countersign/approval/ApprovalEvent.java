package dev.countersign.approval;

import java.time.Instant;

/**
 * Something that happened to a request, in the past tense. Every transition returns its events; each becomes an
 * append-only audit entry and, after commit, a signal to whoever waits (long-polls, notifications).
 */
public sealed interface ApprovalEvent {

    RequestId requestId();

    Instant at();

    /** Who caused it: an email, an administrator's name, or "countersign" for the system. */
    String actor();

    /** Set when the actor acted as someone's proxy. */
    default Email onBehalfOf() {
        return null;
    }

    Via via();

    /** A short, stable name for the audit trail, e.g. {@code approval-granted}. */
    String action();

    /** A human-readable line for the audit trail. */
    String detail();

    /** Whether the request reached a terminal state with this event. */
    default boolean ends() {
        return false;
    }

    record RequestSubmitted(RequestId requestId, Instant at, String actor, Via via, Mode mode, int levels)
            implements ApprovalEvent {
        public String action() {
            return "request-submitted";
        }

        public String detail() {
            return mode.name().toLowerCase() + " request with " + levels + " level(s)";
        }
    }

    record ApprovalGranted(
            RequestId requestId, Instant at, String actor, Email onBehalfOf, Via via, int level, String reason)
            implements ApprovalEvent {
        public String action() {
            return "approval-granted";
        }

        public String detail() {
            return "approved level " + level + (reason == null ? "" : ": " + reason);
        }
    }

    record LevelApproved(
            RequestId requestId, Instant at, String actor, Email onBehalfOf, Via via, int level, Integer nextLevel)
            implements ApprovalEvent {
        public String action() {
            return "level-approved";
        }

        public String detail() {
            return "level " + level + " satisfied" + (nextLevel == null ? "" : "; level " + nextLevel + " asked");
        }
    }

    record RequestApproved(RequestId requestId, Instant at, String actor, Email onBehalfOf, Via via)
            implements ApprovalEvent {
        public String action() {
            return "request-approved";
        }

        public String detail() {
            return "all levels approved";
        }

        public boolean ends() {
            return true;
        }
    }

    record RequestRejected(
            RequestId requestId, Instant at, String actor, Email onBehalfOf, Via via, int level, String reason)
            implements ApprovalEvent {
        public String action() {
            return "request-rejected";
        }

        public String detail() {
            return "rejected at level " + level + ": " + reason;
        }

        public boolean ends() {
            return true;
        }
    }

    record RequestCancelled(RequestId requestId, Instant at, String actor, Via via, String reason)
            implements ApprovalEvent {
        public String action() {
            return "request-cancelled";
        }

        public String detail() {
            return reason == null ? "cancelled" : "cancelled: " + reason;
        }

        public boolean ends() {
            return true;
        }
    }

    record RequestExpired(RequestId requestId, Instant at, Via via) implements ApprovalEvent {
        public String actor() {
            return Actor.system().name();
        }

        public String action() {
            return "request-expired";
        }

        public String detail() {
            return "no decision before the request expired";
        }

        public boolean ends() {
            return true;
        }
    }

    record RequestBecameExecutable(RequestId requestId, Instant at, String actor, Via via) implements ApprovalEvent {
        public String action() {
            return "request-executable";
        }

        public String detail() {
            return "the work may run now";
        }
    }

    record ExecutionRecorded(RequestId requestId, Instant at, String actor, Via via) implements ApprovalEvent {
        public String action() {
            return "execution-recorded";
        }

        public String detail() {
            return "executed by " + actor;
        }
    }
}
