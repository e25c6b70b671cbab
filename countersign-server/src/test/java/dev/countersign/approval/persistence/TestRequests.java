package dev.countersign.approval.persistence;

import dev.countersign.approval.ApprovalLevel;
import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.Email;
import dev.countersign.approval.Mode;
import dev.countersign.approval.RequestId;
import dev.countersign.approval.RequestSpec;
import dev.countersign.approval.Required;
import dev.countersign.approval.Transitions;
import dev.countersign.approval.Via;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Requests for storage tests. Every test gets its own {@link People}, so its requests can be told apart from those
 * of other tests sharing the database (searches filter by a requester or approver nobody else uses).
 */
final class TestRequests {

    private TestRequests() {}

    /** Email addresses unique to one test: {@code people.email("bob")} is bob-1a2b3c4d@example.com. */
    static final class People {

        private final String suffix = UUID.randomUUID().toString().substring(0, 8);

        Email email(String name) {
            return Email.of(name + "-" + suffix + "@example.com");
        }

        ApprovalLevel level(Required required, String... approvers) {
            return new ApprovalLevel(Arrays.stream(approvers).map(this::email).toList(), required);
        }

        /** A standard request by {@code requester} with the given levels and nothing optional. */
        RequestSpec spec(String requester, ApprovalLevel... levels) {
            return new RequestSpec(
                    "deploy",
                    "Deploy api v2.3 to prod",
                    null,
                    Map.of(),
                    email(requester),
                    List.of(levels),
                    Mode.STANDARD,
                    List.of(),
                    null,
                    null,
                    null);
        }
    }

    static ApprovalRequest submitted(RequestSpec spec, Instant at) {
        return Transitions.submit(RequestId.random(), spec, Via.API, at).request();
    }
}
