/**
 * Every message, modal and Home tab Countersign shows in Slack, drawn with the SDK's Block Kit builders from the
 * request as it is now, and the escaping that keeps callers' text from passing for ours. Nothing here calls Slack,
 * reads a table or decides an approval rule: the core answers, this only says it.
 */
package dev.countersign.slack.render;
