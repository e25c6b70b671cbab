package dev.countersign.slack.render;

import dev.countersign.CountersignProperties;
import dev.countersign.slack.CurrentSlackSettings;
import dev.countersign.slack.SlackConfigured;
import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** What Countersign draws in Slack, when Slack is configured. */
@Configuration(proxyBeanMethods = false)
@Conditional(SlackConfigured.class)
class SlackRenderConfiguration {

    /** Links in messages point at COUNTERSIGN_BASE_URL; without it, at this machine's port (fine for a demo). */
    @Bean
    RequestMessages requestMessages(
            CountersignProperties properties,
            Environment environment,
            Mentions mentions,
            CurrentSlackSettings settings) {
        return new RequestMessages(
                () -> properties.baseUrl() != null
                        ? properties.baseUrl()
                        : URI.create("http://localhost:"
                                + environment.getProperty(
                                        "local.server.port", environment.getProperty("server.port", "8080"))),
                mentions::mention,
                settings);
    }

    @Bean
    OverviewBlocks overviewBlocks(RequestMessages messages, Mentions mentions) {
        return new OverviewBlocks(messages, mentions::mention);
    }
}
