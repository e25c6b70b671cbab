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
        if (settings.enabled()) {
            log.info("Slack: on. Web API at {}, callbacks at POST /slack/events{}", settings.apiUrl(),
                    settings.proxyUrl() == null ? "" : ", through a proxy");
        } else {
            log.info("Slack: off. SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are not set, so Countersign runs "
                    + "API-only: nobody is notified in Slack.");
        }
    }
}
