package dev.countersign.delivery;

import java.time.Instant;

/**
 * A delivery as the outbox holds it, handed to its handler.
 *
 * @param id        the outbox row: what a message posted for it is recorded against
 * @param createdAt when it was queued (a handler looking for a copy an earlier attempt posted looks from here)
 * @param attempts  attempts made before this one: more than 0 when an earlier one may have got through unheard
 */
public record Queued<T extends Delivery>(long id, T delivery, Instant createdAt, int attempts) {}
