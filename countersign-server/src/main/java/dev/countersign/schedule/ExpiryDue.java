package dev.countersign.schedule;

import dev.countersign.approval.ApprovalException;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.ExpireRequest;
import dev.countersign.approval.RequestId;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the pending requests whose expiry has passed, a batch at a time (a few statements in one transaction for
 * each batch, whatever its size). The core refuses to expire a request early or twice, so a sweep that runs late,
 * twice, or on two instances at once expires each request exactly once.
 */
class ExpiryDue implements DueWork {

    private static final Logger log = LoggerFactory.getLogger(ExpiryDue.class);
    private static final int PAGE = 500;
    private static final int MAX_PAGES = 200;

    private final ApprovalRequests requests;
    private final ExpireRequest expire;
    private final SweepWorkers workers;

    ExpiryDue(ApprovalRequests requests, ExpireRequest expire, SweepWorkers workers) {
        this.workers = workers;
        this.requests = requests;
        this.expire = expire;
    }

    @Override
    public String name() {
        return "expiry";
    }

    @Override
    public void runDue(Instant now) {
        for (int page = 0; page < MAX_PAGES; page++) {
            List<RequestId> due = requests.dueToExpire(now, PAGE);
            AtomicInteger expired = new AtomicInteger();
            workers.forEachBatch(due, batch -> {
                try {
                    expired.addAndGet(expire.expireAll(batch).size());
                } catch (RuntimeException e) {
                    // One broken request must not keep the rest of its batch waiting: each on its own, then.
                    log.debug("A batch of {} expiries failed, taking them one by one: {}", batch.size(), e.toString());
                    batch.forEach(id -> {
                        try {
                            expire.expire(id);
                            expired.incrementAndGet();
                        } catch (ApprovalException refused) {
                            log.debug("Request {} not expired: {}", id, refused.getMessage());
                        } catch (RuntimeException again) {
                            log.warn(
                                    "Request {} could not be expired; the next sweep tries again: {}",
                                    id,
                                    again.toString());
                        }
                    });
                }
            });
            // Those left were decided by someone else meanwhile, or our clock is ahead of the core's: no harm, but
            // the same page would come back, so the next sweep takes them.
            if (due.size() < PAGE || expired.get() == 0) {
                return;
            }
        }
    }
}
