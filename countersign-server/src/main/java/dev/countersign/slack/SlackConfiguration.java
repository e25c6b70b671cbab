package dev.countersign.slack;

import com.slack.api.Slack;
import dev.countersign.settings.AdminSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Slack's client and settings, when Slack is configured; each sub-package wires its own parts. Without Slack the
 * service runs API-only.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SlackConfigured.class)
class SlackConfiguration {

    @Bean
    Slack slack(SlackSettings settings) {
        return SlackClients.of(settings);
    }

    @Bean
    CurrentSlackSettings currentSlackSettings(SlackSettings settings, AdminSettings admin) {
        return new CurrentSlackSettings(settings, admin);
    }
}
