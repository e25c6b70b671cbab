/**
 * One outbox for every channel, and what could not be delivered to whom.
 *
 * <p>A {@link dev.countersign.delivery.Delivery} is one message to send, a record per kind. Changes write their
 * deliveries to the {@link dev.countersign.delivery.DeliveryOutbox} in their own transaction; the {@link
 * dev.countersign.delivery.DeliveryDispatcher} sends them after commit, through the one {@link
 * dev.countersign.delivery.DeliveryHandler} of each kind that its channel ({@link
 * dev.countersign.delivery.DeliveryChannel}: Slack today, email and webhooks later) registers. Order per lane,
 * leases, retries with backoff, Retry-After pauses and giving up live in the dispatcher, the same for every channel.
 *
 * <p>What failed for good is recorded per request ({@link dev.countersign.delivery.DeliveryProblems}): an approver
 * whose email has no Slack account, a channel Slack does not know, a token Slack refuses. The API shows it on the
 * request, so that nobody is silently left out.
 */
@ApplicationModule(allowedDependencies = {"approval"})
package dev.countersign.delivery;

import org.springframework.modulith.ApplicationModule;
