package dev.countersign.slack.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.delivery.Channel;
import dev.countersign.delivery.Delivery;
import dev.countersign.delivery.Delivery.PublishHome;
import dev.countersign.delivery.DeliveryHandler;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Slack carries every kind of delivery there is today, each through exactly one handler. */
class SlackDeliveryHandlersTest {

    @Test
    void everyKindOfDeliveryHasExactlyOneSlackHandler() {
        // given: the handlers as the configuration wires them, no Slack to call (the Home tab's is the inbound side's)
        DeliveryHandler<PublishHome> homes = DeliveryHandler.of(PublishHome.class, task -> "published");
        SlackDeliveries slack = new SlackDeliveryConfiguration()
                .slackDeliveries(null, null, null, null, null, null, null, null, null, homes);

        // when
        List<Class<?>> handled =
                slack.handlers().stream().<Class<?>>map(DeliveryHandler::kind).toList();

        // then
        assertThat(slack.channel()).isEqualTo(Channel.SLACK);
        assertThat(handled)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(Arrays.asList(Delivery.class.getPermittedSubclasses()));
    }
}
