package dev.countersign.schedule;

import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.RequestId;
import dev.countersign.approval.Status;
import dev.countersign.approval.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The urgent mode's daily report: every urgent request that has been executable (urgent requests are, from the
 * moment they are made) for more than a day and is still not fully approved is reported to the approvers its
 * current level still waits for, one message per request. "More than a day" means created strictly before the
 * report's firing time minus 24 hours. A request is reported once per day of the report's time zone: the
 * {@code urgent_report} row for (request, day) is written in the transaction of its messages, and a second
 * attempt (another instance, a re-run) fails on the primary key and queues nothing.
 */
public class UrgentReport {

    static final Duration OVERDUE_AFTER = Duration.ofHours(24);

    private final JdbcClient jdbc;
    private final ApprovalRequests requests;
    private final Nudges nudges;
    private final Transactions transactions;
    private final ZoneId zone;
    private final Clock clock;

    UrgentReport(
            JdbcClient jdbc,
            ApprovalRequests requests,
            Nudges nudges,
            Transactions transactions,
            ZoneId zone,
            Clock clock) {
        this.jdbc = jdbc;
        this.requests = requests;
        this.nudges = nudges;
        this.transactions = transactions;
        this.zone = zone;
        this.clock = clock;
    }

    /**
     * Sends the report the scheduler fired for {@code fireTime} (its planned time, even when it runs late).
     *
     * @return how many requests were reported now (not counting those already reported that day)
     */
    public int sendFor(Instant fireTime) {
        LocalDate day = fireTime.atZone(zone).toLocalDate();
        List<RequestId> overdue = requests.overdueUrgent(fireTime.minus(OVERDUE_AFTER));
        int reported = 0;
        for (RequestId id : overdue) {
            if (report(id, day)) {
                reported++;
            }
        }
        return reported;
    }

    private boolean report(RequestId id, LocalDate day) {
        try {
            return transactions.inTransaction(() -> {
                ApprovalRequest request = requests.find(id).orElse(null);
                if (request == null || request.status() != Status.PENDING) {
                    return false;
                }
                Instant now = clock.instant();
                jdbc.sql("insert into urgent_report (request_id, report_day, reported_at) values (?, ?, ?)")
                        .params(id.value(), day, now.atOffset(ZoneOffset.UTC))
                        .update();
                nudges.reportUrgent(request, now);
                return true;
            });
        } catch (DuplicateKeyException alreadyReported) {
            return false;
        }
    }
}
