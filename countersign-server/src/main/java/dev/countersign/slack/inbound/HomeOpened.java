package dev.countersign.slack.inbound;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppHomeOpenedEvent;
import dev.countersign.delivery.Delivery.PublishHome;
import dev.countersign.delivery.DeliveryOutbox;
import dev.countersign.slack.store.SlackExchangeLog;
import dev.countersign.slack.store.SlackExchangeLog.Direction;
import java.time.Clock;
import java.util.List;

/**
 * {@code app_home_opened} on the Home tab: its publish is queued (after the ack, by the dispatcher, see
 * {@link HomeTabs}). Slack retries unacknowledged events.
 */
class HomeOpened implements BoltEventHandler<AppHomeOpenedEvent> {

    private final SlackIdentities identities;
    private final DeliveryOutbox outbox;
    private final Runnable wakeDispatcher;
    private final SlackExchangeLog exchanges;
    private final Clock clock;

    HomeOpened(
            SlackIdentities identities,
            DeliveryOutbox outbox,
            Runnable wakeDispatcher,
            SlackExchangeLog exchanges,
            Clock clock) {
        this.identities = identities;
        this.outbox = outbox;
        this.wakeDispatcher = wakeDispatcher;
        this.exchanges = exchanges;
        this.clock = clock;
    }

    @Override
    public Response apply(EventsApiPayload<AppHomeOpenedEvent> req, EventContext ctx) {
        AppHomeOpenedEvent event = req.getEvent();
        if ("home".equals(event.getTab())) {
            homeOpened(req.getTeamId(), event.getUser());
        }
        return ctx.ack();
    }

    private void homeOpened(String teamId, String userId) {
        if (!identities.installedTeamId().equals(teamId)) {
            exchanges.record(
                    Direction.IN,
                    "event app_home_opened",
                    null,
                    userId,
                    "ignored: another team (" + teamId + ")",
                    null);
            return;
        }
        outbox.add(List.of(new PublishHome(userId)), clock.instant());
        exchanges.record(Direction.IN, "event app_home_opened", null, userId, "queued a publish", null);
        wakeDispatcher.run();
    }
}
