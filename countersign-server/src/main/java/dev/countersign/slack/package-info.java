/**
 * Slack as the place where people decide: approval-request DMs with Approve / Reject buttons, channel posts with
 * progress in their thread, notifications to requesters and executors, every message kept in sync with its request.
 *
 * <p>Two directions, both through the official Slack SDK. Out: state changes write {@link
 * dev.countersign.delivery.Delivery deliveries} to the outbox in their own transaction; the delivery dispatcher sends
 * them after commit through Slack's handlers ({@code slack.delivery}), retrying what Slack could not take and
 * recording what it refused. In: {@code POST /slack/events} checks the
 * signature on the raw body, acknowledges at once, and hands the click to the approval core, whose rules decide. In
 * Socket Mode ({@code SLACK_APP_TOKEN}) the same callbacks arrive as envelopes down a WebSocket the service opens,
 * and take the same path ({@code slack.inbound}) to the same handlers.
 *
 * <p>Inside Slack, each person also has their own lists: the
 * {@code /approvals} slash command answers them ephemerally, and the App Home tab shows them, published through
 * the same outbox whenever they change. {@link dev.countersign.slack.SlackAppManifest} is the app manifest all of
 * this needs.
 *
 * <p>This package is the module's API (settings, the Slack client, the app manifest, the exchange log others may
 * read) and its wiring. Inside: {@code inbound} (callbacks in, one handler per action id, command and event),
 * {@code delivery} (the outbox handlers that talk to Slack, and the follow-ups that queue them), {@code render}
 * (Block Kit, nothing else) and {@code store} (every table of the module; no SQL anywhere else).
 */
@ApplicationModule(allowedDependencies = {"approval", "delegation", "delivery", "schedule", "settings"})
package dev.countersign.slack;

import org.springframework.modulith.ApplicationModule;
