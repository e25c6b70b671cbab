package dev.countersign.schedule;

import dev.countersign.approval.ApprovalException;
import dev.countersign.approval.ExpireRequest;
import dev.countersign.approval.RequestId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ends the pending requests whose expiry has passed. The core refuses to expire a request early or twice, so a
 * sweep that runs late, twice, or on two instances at once expires each request exactly once.
 */
class ExpiryDue implements DueWork {

    private static final Logger log = LoggerFactory.getLogger(ExpiryDue.class);
    private static final int BATCH = 500;
    private static final int MAX_BATCHES = 200;

    private final JdbcClient jdbc;
    private final ExpireRequest expire;
    private final SweepWorkers workers;

    ExpiryDue(JdbcClient jdbc, ExpireRequest expire, SweepWorkers workers) {
        this.workers = workers;
        this.jdbc = jdbc;
        this.expire = expire;
    }

    @Override
    public String name() {
        return "expiry";
    }

    @Override
    public void runDue(Instant now) {
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            List<String> due = jdbc.sql("""
                            select id from approval_request where status = 'PENDING' and expires_at <= ?
                            order by expires_at fetch first ? rows only
                            """)
                    .params(now.atOffset(ZoneOffset.UTC), BATCH)
                    .query(String.class)
                    .list();
            AtomicInteger refused = new AtomicInteger();
            workers.forEach(due, id -> {
                try {
                    expire.expire(new RequestId(id));
                } catch (ApprovalException e) {
                    // Decided or expired by someone else meanwhile, or our clock is ahead of the core's: no harm.
                    refused.incrementAndGet();
                    log.debug("Request {} not expired: {}", id, e.getMessage());
                } catch (RuntimeException e) {
                    refused.incrementAndGet();
                    log.warn("Request {} could not be expired; the next sweep tries again: {}", id, e.toString());
                }
            });
            if (due.size() < BATCH || refused.get() == due.size()) {
                return;
            }
        }
    }
}
