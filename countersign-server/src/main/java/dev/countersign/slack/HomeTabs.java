package dev.countersign.slack;

import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.Mandates;
import dev.countersign.approval.Email;
import dev.countersign.delivery.Delivery.PublishHome;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

/**
 * The App Home tabs Countersign keeps up to date. A tab is published when its owner opens it, and again whenever
 * one of its lists changes; only for people who have opened it once, since publishing tabs nobody looks at would
 * spend Slack's rate limit for nothing. Publishing always goes through the outbox: never from inside a transaction,
 * never on the path that must answer Slack within 3 seconds.
 */
class HomeTabs {

    private final JdbcClient jdbc;
    private final SlackApi slack;
    private final SlackPeople people;
    private final ApprovalRequests requests;
    private final OverviewBlocks blocks;
    private final Mandates mandates;
    private final Clock clock;

    HomeTabs(JdbcClient jdbc, SlackApi slack, SlackPeople people, ApprovalRequests requests, OverviewBlocks blocks,
             Mandates mandates, Clock clock) {
        this.mandates = mandates;
        this.jdbc = jdbc;
        this.slack = slack;
        this.people = people;
        this.requests = requests;
        this.blocks = blocks;
        this.clock = clock;
    }

    /** A person's publishes run one at a time, later ones merged into the one running (see PublishHome). */
    static PublishHome publishTask(String userId) {
        return new PublishHome(userId);
    }

    /** Slack user ids of those among these people who have opened the tab: whose tab to publish again. */
    List<String> openedBy(Collection<Email> people) {
        if (people.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select user_id from slack_home where email in (:emails) order by user_id")
                .param("emails", people.stream().map(Email::value).distinct().toList())
                .query(String.class)
                .list();
    }

    /** Draws the person's lists as they are now and publishes them; outbox work, after commit. */
    String publish(String userId) {
        // Published only after an app_home_opened event from the installed workspace (see ApprovalsInSlack).
        SlackPeople.Identity identity = people.identify(null, userId);
        Instant now = clock.instant();
        if (identity instanceof SlackPeople.Refused refused) {
            slack.publishHome(userId, blocks.homeNotice(refused.whyNoLists()));
            return "published: " + refused.outcome();
        }
        Email email = ((SlackPeople.Person) identity).email();
        try {
            slack.publishHome(userId, blocks.home(ApprovalOverview.of(email,
                    mandates.principalsFor(email, now), requests), now));
        } catch (SlackCallFailed e) {
            if (!e.retryable()) {
                // Gone from the workspace, or the app lost its Home tab: stop publishing until they open it again.
                jdbc.sql("delete from slack_home where user_id = ?").param(userId).update();
            }
            throw e;
        }
        remember(userId, email, now);
        return "published";
    }

    private void remember(String userId, Email email, Instant now) {
        var at = now.atOffset(ZoneOffset.UTC);
        int updated = jdbc.sql("update slack_home set email = ?, published_at = ? where user_id = ?")
                .params(email.value(), at, userId).update();
        if (updated == 0) {
            try {
                jdbc.sql("insert into slack_home (user_id, email, opened_at, published_at) values (?, ?, ?, ?)")
                        .params(userId, email.value(), at, at).update();
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                // Another node published the same tab at the same moment: it is remembered either way.
            }
        }
    }
}
