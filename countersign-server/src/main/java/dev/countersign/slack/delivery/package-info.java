/**
 * What Countersign sends to Slack: the Slack {@link dev.countersign.delivery.DeliveryChannel} with one handler per
 * kind of delivery, the Web API client they call ({@code SlackApi}, every call recorded in the exchange log), and
 * the follow-ups that write Slack's deliveries into the outbox in a change's own transaction (notifications,
 * delegates, reminders, Home tabs).
 */
package dev.countersign.slack.delivery;
