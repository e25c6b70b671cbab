package dev.countersign.slack.render;

import dev.countersign.approval.Email;

/** How a person is named in a message: a mention when Slack knows them, else their email (escaped). */
@FunctionalInterface
public interface Mentions {

    String mention(Email person);
}
