package dev.countersign.slack;

import com.slack.api.model.block.LayoutBlock;

import java.util.List;

/** A message as Slack takes it: blocks, and the plain text shown in notifications and by screen readers. */
record SlackMessage(String text, List<LayoutBlock> blocks) {
}
