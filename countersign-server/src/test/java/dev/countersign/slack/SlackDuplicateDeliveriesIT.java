package dev.countersign.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.countersign.api.NewRequestBody;
import dev.countersign.approval.Email;
import dev.countersign.approval.RequestId;
import dev.countersign.delivery.Delivery.TellApproved;
import dev.countersign.delivery.DeliveryOutbox;
import dev.countersign.emulator.EmulatedMessage;
import dev.countersign.emulator.Failure;
import dev.countersign.emulator.RecordedCall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Slack took a chat.postMessage but its answer never came back: the retry must not leave a copy of the message behind
 * that nobody keeps up to date, and a one-off notice must not reach its recipient twice.
 */
class SlackDuplicateDeliveriesIT extends SlackEndToEnd {

    @AfterEach
    void slackIsWellAgain() {
        slack.outage("*", Duration.ZERO);
    }

    private String bobsRequest(String title) {
        return api.create(NewRequestBody.request(title, team.alice().email())
                        .level(1, team.bob().email()))
                .path("id")
                .asString();
    }

    @Autowired
    DeliveryOutbox outbox;

    @Autowired
    JdbcClient jdbc;

    private final Instant testStarted = Instant.now();

    /** This test's history lookups that Slack answered (the emulator is shared by the test classes of a run). */
    private List<RecordedCall> historyLookupsAnswered() {
        return slack.calls("conversations.history").stream()
                .filter(call -> call.time().isAfter(testStarted)
                        && call.status() == 200
                        && call.responseBody().startsWith("{\"ok\":true"))
                .toList();
    }

    @Test
    void anApprovalDmWhoseAnswerWasLostIsFoundInSlackNotSentAgainAndLosesItsButtonsOnceDecided() {
        // given: Slack posts bob's DM, the answer is lost
        slack.failNext("chat.postMessage", 1, Failure.answerLost(Duration.ZERO));
        String id = bobsRequest("Drop the legacy sessions table");
        team.awaitRequestDm(team.bob(), id);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !historyLookupsAnswered().isEmpty());

        // when
        api.approve(id, team.bob().email());

        // then: the one DM bob has is the one brought up to date
        team.awaitDmAbout(team.bob(), id, m -> !m.hasButton("approve"));
        List<EmulatedMessage> dms = team.dmsAbout(team.bob(), id);
        assertThat(dms).hasSize(1);
        assertThat(dms.getFirst().buttons()).doesNotContain("approve", "reject");
        assertThat(dms.getFirst().updateCount()).isPositive();
    }

    @Test
    void whenSlackWillNotShowTheHistoryTheRetryPostsAgainAndEveryCopyIsRedrawn() {
        // given: two posts whose answers are lost, and in between a history Slack will not show (no im:history yet)
        slack.failNext("chat.postMessage", 2, Failure.answerLost(Duration.ZERO));
        slack.failNext("conversations.history", 1, Failure.slackError("missing_scope"));
        String id = bobsRequest("Re-key the backup bucket");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !historyLookupsAnswered().isEmpty());
        assertThat(team.dmsAbout(team.bob(), id))
                .hasSize(2)
                .allSatisfy(dm -> assertThat(dm.hasButton("approve")).isTrue());

        // when
        api.approve(id, team.bob().email());

        // then: bob has two copies, honestly, and neither still asks him
        await().atMost(Duration.ofSeconds(20))
                .until(() -> team.dmsAbout(team.bob(), id).stream().noneMatch(dm -> dm.hasButton("approve")));
        assertThat(team.dmsAbout(team.bob(), id))
                .hasSize(2)
                .allSatisfy(dm -> assertThat(dm.buttons()).doesNotContain("approve", "reject"));
    }

    @Test
    void aRejectionNoticeRetriedAfterALostAnswerReachesTheRequesterOnce() {
        // given: bob is asked
        String id = bobsRequest("Open port 22 to the world");
        team.awaitRequestDm(team.bob(), id);

        // when: bob declines, and Slack's answer to the notice for alice is lost
        slack.failNext("chat.postMessage", 1, Failure.answerLost(Duration.ZERO));
        assertThat(api.decide(id, team.bob().email(), "reject", "not on a Friday")
                        .status())
                .isEqualTo(200);

        // then: alice sees one notice, also well after the retry looked for it
        team.awaitDmAbout(team.alice(), id, m -> m.text().contains("declined"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !historyLookupsAnswered().isEmpty());
        backlog.awaitSent(id);
        assertThat(team.dmsAbout(team.alice(), id))
                .filteredOn(m -> m.text().contains("declined"))
                .hasSize(1);
    }

    @Test
    void anApprovalNoticeQueuedTwiceReachesTheRequesterOnce() {
        // given: alice was told her request is approved
        String id = bobsRequest("Raise the connection pool to 50");
        team.awaitRequestDm(team.bob(), id);
        api.approve(id, team.bob().email());
        team.awaitDmAbout(team.alice(), id, m -> m.text().contains("approved"));

        // when: the same news is queued again, as a repeated follow-up would
        outbox.add(
                List.of(new TellApproved(
                        new RequestId(id), new Email(team.alice().email()))),
                Instant.now());

        // then: the task is done, and it sent nothing
        String outcome = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> jdbc.sql("""
                        select outcome from delivery_outbox
                        where request_id = ? and kind = 'TELL_APPROVED' and done_at is not null
                        order by id desc fetch first 1 rows only
                        """)
                                .param(id)
                                .query(String.class)
                                .optional()
                                .orElse(""),
                        last -> last.startsWith("skipped"));
        assertThat(outcome).isEqualTo("skipped: already sent");
        assertThat(team.dmsAbout(team.alice(), id))
                .filteredOn(m -> m.text().contains("approved"))
                .hasSize(1);
    }
}
