package dev.countersign.slack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says at start-up whether Slack is on, so an operator never has to guess why nobody got a DM. */
@Component
class SlackStartupReport {

    private static final Logger log = LoggerFactory.getLogger(SlackStartupReport.class);

    private final SlackSettings settings;
    private final ObjectProvider<CurrentSlackSettings> current;

    SlackStartupReport(SlackSettings settings, ObjectProvider<CurrentSlackSettings> current) {
        this.settings = settings;
        this.current = current;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        CurrentSlackSettings now = current.getIfAvailable();
        if (settings.enabled() && settings.socketMode()) {
            log.info(
                    "Slack: on, Socket Mode. Web API at {}{}; callbacks come over a WebSocket Countersign opens "
                            + "(no Request URL needed, POST /slack/events is off)",
                    settings.apiUrl(),
                    settings.proxyUrl() == null ? "" : ", through a proxy");
        } else if (now != null && now.botToken() != null && !settings.enabled()) {
            log.info(
                    "Slack: on, with credentials an administrator stored (admin settings). Web API at {}, "
                            + "callbacks at POST /slack/events",
                    settings.apiUrl());
        } else if (now != null && now.botToken() == null) {
            log.info("Slack: waiting for credentials. COUNTERSIGN_SECRET_KEY is set but no bot token is: store "
                    + "slackBotToken and slackSigningSecret with PATCH /api/v1/settings (or set SLACK_BOT_TOKEN and "
                    + "SLACK_SIGNING_SECRET); notifications are kept until then.");
        } else if (settings.enabled()) {
            log.info(
                    "Slack: on, HTTP mode. Web API at {}, callbacks at POST /slack/events{}",
                    settings.apiUrl(),
                    settings.proxyUrl() == null ? "" : ", through a proxy");
        } else {
            log.info("Slack: off. SLACK_BOT_TOKEN is not set (with SLACK_SIGNING_SECRET, or SLACK_APP_TOKEN for "
                    + "Socket Mode), so Countersign runs API-only: nobody is notified in Slack.");
        }
    }
}
