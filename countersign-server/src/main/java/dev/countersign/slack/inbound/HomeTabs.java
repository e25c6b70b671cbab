package dev.countersign.slack.inbound;

import dev.countersign.approval.Email;
import dev.countersign.delivery.Delivery.PublishHome;
import dev.countersign.delivery.DeliveryHandler;
import dev.countersign.delivery.Queued;
import dev.countersign.slack.delivery.SlackApi;
import dev.countersign.slack.delivery.SlackCallFailed;
import dev.countersign.slack.render.OverviewBlocks;
import dev.countersign.slack.store.HomeTabOwners;
import java.time.Clock;
import java.time.Instant;

/**
 * Publishes a person's App Home tab: when its owner opens it, and again whenever one of its lists changes; only for
 * people who have opened it once, since publishing tabs nobody looks at would spend Slack's rate limit for nothing.
 * Publishing always goes through the outbox: never from inside a transaction, never on the path that must answer
 * Slack within 3 seconds. A person's publishes run one at a time, later ones merged into the one running (see
 * {@link PublishHome}).
 */
class HomeTabs implements DeliveryHandler<PublishHome> {

    private final HomeTabOwners owners;
    private final SlackApi slack;
    private final SlackIdentities identities;
    private final ApprovalOverviews overviews;
    private final OverviewBlocks blocks;
    private final Clock clock;

    HomeTabs(
            HomeTabOwners owners,
            SlackApi slack,
            SlackIdentities identities,
            ApprovalOverviews overviews,
            OverviewBlocks blocks,
            Clock clock) {
        this.owners = owners;
        this.slack = slack;
        this.identities = identities;
        this.overviews = overviews;
        this.blocks = blocks;
        this.clock = clock;
    }

    @Override
    public Class<PublishHome> kind() {
        return PublishHome.class;
    }

    @Override
    public String deliver(Queued<PublishHome> queued) {
        return publish(queued.delivery().recipient());
    }

    /** Draws the person's lists as they are now and publishes them; outbox work, after commit. */
    String publish(String userId) {
        // Published only after an app_home_opened event from the installed workspace (see HomeOpened).
        SlackIdentities.Identity identity = identities.identify(null, userId);
        Instant now = clock.instant();
        if (identity instanceof SlackIdentities.Refused refused) {
            slack.publishHome(userId, blocks.homeNotice(refused.whyNoLists()));
            return "published: " + refused.outcome();
        }
        Email email = ((SlackIdentities.Person) identity).email();
        try {
            slack.publishHome(userId, blocks.home(overviews.of(email, now), now));
        } catch (SlackCallFailed e) {
            if (!e.retryable()) {
                // Gone from the workspace, or the app lost its Home tab: stop publishing until they open it again.
                owners.forget(userId);
            }
            throw e;
        }
        owners.published(userId, email, now);
        return "published";
    }
}
