/**
 * The Slack module's tables, and the only place in it that runs SQL: where each message was posted
 * ({@code slack_message}), the exchange log ({@code slack_exchange}), the Slack user id of each email
 * ({@code slack_person}), the clicks already delivered ({@code slack_interaction}) and who opened the Home tab
 * ({@code slack_home}).
 */
package dev.countersign.slack.store;
