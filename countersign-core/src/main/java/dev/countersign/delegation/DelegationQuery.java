package dev.countersign.delegation;

import dev.countersign.approval.Email;
import java.time.Instant;
import java.util.List;

/**
 * Which delegations to list, newest first. Every filter is optional.
 *
 * @param activeAt only those active at this moment
 * @param after    the position the previous page ended at, or {@code null} for the first page
 */
public record DelegationQuery(Email from, Email to, Instant activeAt, int limit, Position after) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public DelegationQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidDelegation("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    /** Where a page ended: the last delegation's creation time and id. */
    public record Position(Instant createdAt, String id) {}

    /** One page; {@code next} is {@code null} on the last. */
    public record Page(List<Delegation> items, Position next) {}
}
