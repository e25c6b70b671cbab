/**
 * Callbacks from Slack: {@code POST /slack/events} (signature checked on the raw body, refused callbacks counted and
 * slowed down) and Socket Mode envelopes, both through {@link dev.countersign.slack.inbound.SlackInbound}. Each
 * action id, modal, command and event has its own small handler, registered with Bolt as in its samples; a click
 * is acknowledged first and handled after. Who clicked is checked strictly ({@code SlackIdentities}) before the
 * approval core judges what they may do.
 */
package dev.countersign.slack.inbound;
