package dev.countersign.slack.delivery;

import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.delivery.Delivery.UrgentReport;
import dev.countersign.delivery.Queued;
import dev.countersign.slack.render.RequestMessages;
import dev.countersign.slack.store.SlackMessageKind;

/** The urgent mode's daily report DMed to an approver the level still waits for. */
class UrgentReportHandler extends RequestHandler<UrgentReport> {

    private final SlackDms dms;
    private final RequestMessages render;

    UrgentReportHandler(ApprovalRequests requests, SlackDms dms, RequestMessages render) {
        super(UrgentReport.class, requests);
        this.dms = dms;
        this.render = render;
    }

    @Override
    String deliver(ApprovalRequest request, Queued<UrgentReport> task) {
        UrgentReport report = task.delivery();
        String stale = stillWaitsFor(request, report.level(), report.whoseDecision());
        if (stale != null) {
            return stale;
        }
        MessageKey key = new MessageKey(
                request.id().value(),
                SlackMessageKind.URGENT_REPORT_DM,
                report.recipient().value(),
                report.level());
        return dms.send(task, key, render.urgentReportDm(request, report.recipient(), report.level()));
    }
}
