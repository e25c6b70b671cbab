/**
 * A stand-in for Slack that tests and {@code countersign demo} run on this machine: a real HTTP server speaking
 * Slack's wire format, so the app's real Slack SDK client and its real Request URL endpoint are exercised.
 *
 * <p>It plays both sides Slack plays: the Web API the app calls ({@code /api/chat.postMessage}…, with Slack's
 * error codes, rate limits and outages on demand) and the users who click buttons and submit modals (signed
 * {@code block_actions} / {@code view_submission} payloads sent to the app's Request URL, slash commands, the
 * {@code app_home_opened} event). It keeps what a person would see (messages per channel, DMs, ephemerals, open
 * modals, their Home tab) so tests can assert on it, and a browser can show it: the sandbox page
 * ({@code /sandbox/}) draws one person's Slack and clicks and submits as them. For an app in Socket Mode it also
 * runs Slack's WebSocket side ({@code apps.connections.open}, envelopes and acknowledgements), and delivers clicks
 * and submissions that way instead when told to ({@link dev.countersign.emulator.SlackEmulator#deliverVia}).
 *
 * <p>{@link dev.countersign.emulator.SlackEmulator} is the module's API together with the records it hands out.
 * It depends on no other Countersign module and runs no Spring: only the JDK's HTTP server, Java-WebSocket's
 * server, and the Slack SDK's own
 * model classes, so what it sends is what the SDK would parse from Slack.
 */
package dev.countersign.emulator;
