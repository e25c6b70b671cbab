package dev.countersign.approval;

/**
 * Which requests to list. Every filter is optional; {@code approver} matches anyone listed on any level.
 *
 * @param after an opaque position from {@link RequestPage#next()}, or {@code null} for the first page
 */
public record RequestQuery(Status status, Email approver, Email requester, int limit, RequestPage.Position after) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public RequestQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidApprovalRequest("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }
}
