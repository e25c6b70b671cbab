package dev.countersign.slack.render;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;

/** A message as Slack takes it: blocks, and the plain text shown in notifications and by screen readers. */
public record SlackMessage(String text, List<LayoutBlock> blocks) {}
