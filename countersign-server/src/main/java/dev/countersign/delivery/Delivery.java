package dev.countersign.delivery;

import dev.countersign.approval.Email;
import dev.countersign.approval.Reminders;
import dev.countersign.approval.RequestId;

/**
 * One message to send, as the outbox keeps it: a record per kind, with typed fields. Each kind says whom it is
 * for, whether it is a direct message, whether it goes to an approver, which channel carries it and how it is
 * named when it fails; so that settings that hold messages back, and the delivery problems recorded, are decided
 * from the delivery itself rather than by kind. Written in the transaction of the change that needs it; carried
 * out by the one {@link DeliveryHandler} of its kind after commit.
 *
 * <p>The outbox stores each record component in the column of the same meaning (see {@link DeliveryOutbox}), so a
 * new kind uses the component names below: {@code request}, {@code recipient}, {@code level}, {@code approver},
 * {@code line}, {@code number}, {@code max}, {@code remindersSent}.
 */
public sealed interface Delivery {

    Channel channel();

    /** The request it is about; {@code null} for what concerns a person rather than a request (an App Home tab). */
    RequestId request();

    /**
     * Deliveries of one lane on one channel go out one at a time, oldest first: a request's channel post exists
     * before progress goes into its thread, and a message is posted before anything tries to update it.
     */
    default String lane() {
        return request().value();
    }

    /** Whom it is for, as a delivery problem names them: an email, a channel, a Slack user; null when unnamed. */
    String to();

    /** A direct message to a person: held back while direct messages are switched off. */
    boolean dm();

    /** Goes to an approver (or their delegate): held back while messages to approvers are switched off. */
    boolean toApprover();

    /**
     * Brings something up to date rather than telling news: the lane's later ones of the same kind that have not
     * started are merged into the one about to run, which shows the state they were queued for and more.
     */
    default boolean coalesces() {
        return false;
    }

    /** What it was, in a delivery problem: "Slack refused " + this + ": channel_not_found". */
    String describe();

    /** The approval request DMed to an approver of a level. */
    record AskApprover(RequestId request, Email recipient, int level) implements Delivery {
        public Channel channel() {
            return Channel.SLACK;
        }

        public String to() {
            return recipient.value();
        }

        public boolean dm() {
            return true;
        }

        public boolean toApprover() {
            return true;
        }

        public String describe() {
            return "the approval request to " + recipient;
        }
    }

    /** The approval request DMed to a delegate of an approver of a level, on the approver's behalf. */
    record AskDelegate(RequestId request, Email recipient, int level, Email approver) implements Delivery {
        public Channel channel() {
            return Channel.SLACK;
        }

        public String to() {
            return recipient.value();
        }

        public boolean dm() {
            return true;
        }

        public boolean toApprover() {
            return true;
        }

        public String describe() {
            return "the approval request to " + recipient + " on behalf of " + approver;
        }
    }

    /** The request posted to the channel its requester named. */
    record PostToChannel(RequestId request, String recipient) implements Delivery {
        public Channel channel() {
            return Channel.SLACK;
        }

        public String to() {
            return recipient;
        }

        public boolean dm() {
            return false;
        }

        public boolean toApprover() {
            return false;
        }

        public String describe() {
            return "the post to channel " + recipient;
        }
    }

    /** A line of progress in the thread of the channel post (already escaped and cut for Slack). */
    record ChannelProgress(RequestId request, String recipient, String line) implements Delivery {
        public Channel channel() {
            return Channel.SLACK;
        }

        public String to() {
            return recipient;
        }

        public boolean dm() {
            return false;
        }

        public boolean toApprover() {
            return false;
        }

        public String describe() {
            return "a progress line in channel " + recipient;
        }
    }

    /** The requester told who rejected and why. */
    record TellRejected(RequestId request, Email recipient) implements Delivery {
        public Channel channel() {
            return Channel.SLACK;
        }

        public String to() {
            return recipient.value();
        }

        public boolean dm() {
            return true;
        }

        public boolean toApprover() {
            return false;
        }

        public String describe() {
            return "the outcome notice to " + recipient;
        }
    }

    /** The requester told every level approved. */
    record TellApproved(RequestId request, Email recipient) implements Delivery {
        public Channel channel() {
            return Channel.SLACK;
        }

        public String to() {
            return recipient.value();
        }

        public boolean dm() {
            return true;
        }

        public boolean toApprover() {
            return false;
        }

        public String describe() {
            return "the outcome notice to " + recipient;
        }
    }

    /** An executor told the work may run now. */
    record TellExecutable(RequestId request, Email recipient) implements Delivery {
        public Channel channel() {
            return Channel.SLACK;
        }

        public String to() {
            return recipient.value();
        }

        public boolean dm() {
            return true;
        }

        public boolean toApprover() {
            return false;
        }

        public String describe() {
            return "the execution notice to " + recipient;
        }
    }

    /** The requester told that an approver could not be reached. */
    record TellUnreachable(RequestId request, Email approver) implements Delivery {
        public Channel channel() {
            return Channel.SLACK;
        }

        public String to() {
            return null;
        }

        public boolean dm() {
            return true;
        }

        public boolean toApprover() {
            return false;
        }

        public String describe() {
            return "the unreachable-approver notice";
        }
    }

    /** Every message about the request brought up to date. */
    record Refresh(RequestId request) implements Delivery {
        public Channel channel() {
            return Channel.SLACK;
        }

        public String to() {
            return null;
        }

        public boolean dm() {
            return false;
        }

        public boolean toApprover() {
            return false;
        }

        public boolean coalesces() {
            return true;
        }

        public String describe() {
            return "a message update";
        }
    }

    /**
     * One person's App Home tab published (recipient: their Slack user id). Its lane is the person's, so their
     * publishes run one at a time and merge like redraws.
     */
    record PublishHome(String recipient) implements Delivery {
        public Channel channel() {
            return Channel.SLACK;
        }

        public RequestId request() {
            return null;
        }

        public String lane() {
            return "home:" + recipient;
        }

        public String to() {
            return recipient;
        }

        public boolean dm() {
            return false;
        }

        public boolean toApprover() {
            return false;
        }

        public boolean coalesces() {
            return true;
        }

        public String describe() {
            return "the App Home tab of " + recipient;
        }
    }

    /** The requester told nobody decided in time. */
    record TellExpired(RequestId request, Email recipient) implements Delivery {
        public Channel channel() {
            return Channel.SLACK;
        }

        public String to() {
            return recipient.value();
        }

        public boolean dm() {
            return true;
        }

        public boolean toApprover() {
            return false;
        }

        public String describe() {
            return "the expiry notice to " + recipient;
        }
    }

    /**
     * Reminder {@code number} of {@code max} to someone asked on a level who has not decided.
     *
     * @param approver whose decision a delegate is reminded of; {@code null} when the recipient is the approver
     */
    record Remind(RequestId request, Email recipient, int level, int number, int max, Email approver)
            implements Delivery {
        public Channel channel() {
            return Channel.SLACK;
        }

        public String to() {
            return recipient.value();
        }

        public boolean dm() {
            return true;
        }

        public boolean toApprover() {
            return true;
        }

        public String describe() {
            return "a reminder to " + recipient;
        }

        /** Whose decision the recipient is asked for. */
        public Email whoseDecision() {
            return approver != null ? approver : recipient;
        }
    }

    /** An escalation contact (an email or a channel) told that the level is stuck after the reminders sent. */
    record Escalate(RequestId request, String recipient, int level, int remindersSent) implements Delivery {
        public Channel channel() {
            return Channel.SLACK;
        }

        public String to() {
            return recipient;
        }

        public boolean dm() {
            return !Reminders.isChannel(recipient);
        }

        public boolean toApprover() {
            return false;
        }

        public String describe() {
            return "the escalation to " + recipient;
        }
    }

    /**
     * The urgent mode's daily report to someone asked on the level who has not decided.
     *
     * @param approver whose decision a delegate is asked for; {@code null} when the recipient is the approver
     */
    record UrgentReport(RequestId request, Email recipient, int level, Email approver) implements Delivery {
        public Channel channel() {
            return Channel.SLACK;
        }

        public String to() {
            return recipient.value();
        }

        public boolean dm() {
            return true;
        }

        public boolean toApprover() {
            return true;
        }

        public String describe() {
            return "the daily urgent report to " + recipient;
        }

        /** Whose decision the recipient is asked for. */
        public Email whoseDecision() {
            return approver != null ? approver : recipient;
        }
    }
}
