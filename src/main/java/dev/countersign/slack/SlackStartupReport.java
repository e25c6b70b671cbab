package dev.countersign.slack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says at start-up whether Slack is on, so an operator never has to guess why nobody got a DM. */
@Component
class SlackStartupReport {

    private static final Logger log = LoggerFactory.getLogger(SlackStartupReport.class);

    private final SlackSettings settings;

    SlackStartupReport(SlackSettings settings) {
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        if (settings.enabled() && settings.socketMode()) {
            log.info("Slack: on, Socket Mode. Web API at {}{}; callbacks come over a WebSocket Countersign opens "
                            + "(no Request URL needed, POST /slack/events is off)", settings.apiUrl(),
                    settings.proxyUrl() == null ? "" : ", through a proxy");
        } else if (settings.enabled()) {
            log.info("Slack: on, HTTP mode. Web API at {}, callbacks at POST /slack/events{}", settings.apiUrl(),
                    settings.proxyUrl() == null ? "" : ", through a proxy");
        } else {
            log.info("Slack: off. SLACK_BOT_TOKEN is not set (with SLACK_SIGNING_SECRET, or SLACK_APP_TOKEN for "
                    + "Socket Mode), so Countersign runs API-only: nobody is notified in Slack.");
        }
    }
}
