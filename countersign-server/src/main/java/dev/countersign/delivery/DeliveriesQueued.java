package dev.countersign.delivery;

/**
 * Deliveries were written to the outbox. Published in the transaction that wrote them; the dispatcher hears of it
 * after commit, when the rows are there for it to claim, and looks at once instead of at its next poll.
 */
public record DeliveriesQueued(int count) {}
