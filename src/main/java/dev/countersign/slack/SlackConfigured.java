package dev.countersign.slack;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * True when either Slack credential is set, or a {@code COUNTERSIGN_SECRET_KEY}, with which an administrator may store
 * the credentials at run time (until then the outbox keeps every notification and callbacks are refused). With only one, {@link SlackSettings} refuses to bind and the service
 * does not start, naming the missing one.
 */
class SlackConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        var env = context.getEnvironment();
        return StringUtils.hasText(env.getProperty("countersign.slack.bot-token"))
                || StringUtils.hasText(env.getProperty("countersign.slack.signing-secret"))
                || StringUtils.hasText(env.getProperty("countersign.secret-key"));
    }
}
