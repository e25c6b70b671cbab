package dev.countersign.slack;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * True when any Slack credential is set, or a {@code COUNTERSIGN_SECRET_KEY}, with which an administrator may store
 * the credentials at run time (until then the outbox keeps every notification and callbacks are refused). With too
 * few credentials, {@link SlackSettings} refuses to bind and the service does not start, naming what is missing.
 */
public class SlackConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        var env = context.getEnvironment();
        return StringUtils.hasText(env.getProperty("countersign.slack.bot-token"))
                || StringUtils.hasText(env.getProperty("countersign.slack.signing-secret"))
                || StringUtils.hasText(env.getProperty("countersign.slack.app-token"))
                || StringUtils.hasText(env.getProperty("countersign.secret-key"));
    }

    /** Slack is on and sends its callbacks down a WebSocket (an app-level token is set). */
    public static final class SocketMode implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty("countersign.slack.app-token"));
        }
    }

    /** Slack is on and calls the Request URL (no app-level token). */
    public static final class HttpMode implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !new SocketMode().matches(context, metadata);
        }
    }
}
