package dev.countersign.delivery;

import java.time.Instant;

/**
 * @param recipient whom it was for: an email or a channel
 * @param problem   what went wrong, in words a requester can act on
 */
public record DeliveryProblem(String recipient, String problem, Instant at) {}
