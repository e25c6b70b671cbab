package dev.countersign.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.countersign.api.ApiClient;
import dev.countersign.api.NewRequestBody;
import dev.countersign.emulator.EmulatedMessage;
import dev.countersign.emulator.InteractionResponse;
import dev.countersign.emulator.OpenView;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The product as people meet it: requests arrive as DMs, decisions are clicks, everyone concerned is told. */
class SlackApprovalJourneyIT extends SlackEndToEnd {

    @Test
    void twoLevelApprovalWithQuorumGoesThroughDmsAndClicks() {
        // given: level 1 needs 2 of bob, carol, dave; level 2 needs erin; oscar runs the work
        String id = api.create(NewRequestBody.request(
                                "Deploy api v2.3 to prod", team.alice().email())
                        .field("env", "prod")
                        .field("version", "2.3")
                        .level(
                                2,
                                team.bob().email(),
                                team.carol().email(),
                                team.dave().email())
                        .levelOfAll(team.erin().email())
                        .executors(team.oscar().email()))
                .path("id")
                .asString();

        // then: level 1 is asked in DMs, with the request's facts and all three buttons; level 2 not yet
        EmulatedMessage toBob = team.awaitRequestDm(team.bob(), id);
        EmulatedMessage toCarol = team.awaitRequestDm(team.carol(), id);
        EmulatedMessage toDave = team.awaitRequestDm(team.dave(), id);
        assertThat(toBob.buttons()).containsExactly("approve", "reject", "details");
        assertThat(toBob.visibleText())
                .contains(
                        "Deploy api v2.3 to prod",
                        "deploy",
                        "env",
                        "prod",
                        "version",
                        "Level 1 of 2",
                        "2 more approvals needed",
                        "Also asked");
        assertThat(toBob.blocksJson()).contains("\"confirm\"").contains("/requests/" + id);
        backlog.awaitSent(id);
        assertThat(team.dmsAbout(team.erin(), id)).isEmpty();

        // when: bob approves
        InteractionResponse click = slack.click(team.bob(), toBob, "approve");

        // then: acknowledged at once; his own message shows his vote without buttons, the others count down
        assertThat(click.status()).isEqualTo(200);
        assertThat(click.acknowledgedInTime()).isTrue();
        team.awaitDmAbout(team.bob(), id, m -> m.visibleText().contains("You approved") && !m.hasButton("approve"));
        team.awaitDmAbout(
                team.carol(), id, m -> m.visibleText().contains("1 more approval needed") && m.hasButton("approve"));
        backlog.awaitSent(id);
        assertThat(team.dmsAbout(team.erin(), id)).isEmpty();

        // when: carol approves, which satisfies level 1
        slack.click(team.carol(), slack.dms(team.carol().id()).getLast(), "approve");

        // then: erin is asked for level 2; dave's buttons are gone, since level 1 no longer needs him
        EmulatedMessage toErin = team.awaitRequestDm(team.erin(), id);
        assertThat(toErin.visibleText()).contains("Level 2 of 2");
        team.awaitDmAbout(
                team.dave(), id, m -> !m.hasButton("approve") && m.visibleText().contains("Level 1 approved"));
        assertThat(slack.dms(team.dave().id()))
                .filteredOn(m -> m.ts().equals(toDave.ts()))
                .hasSize(1);

        // when: erin approves
        slack.click(team.erin(), toErin, "approve");

        // then: approved, recorded as Slack decisions; alice and oscar are told; every DM shows the outcome
        JsonNode approved = awaitRequest(id, r -> r.path("status").asString().equals("approved"));
        assertThat(approved.path("decisions"))
                .extracting(
                        d -> d.path("approver").asString() + "/" + d.path("via").asString())
                .containsExactly(
                        team.bob().email() + "/slack",
                        team.carol().email() + "/slack",
                        team.erin().email() + "/slack");
        team.awaitDmAbout(team.alice(), id, m -> m.visibleText().contains("fully approved"));
        team.awaitDmAbout(team.oscar(), id, m -> m.visibleText().contains("You may run this work now"));
        for (var approver : List.of(team.bob(), team.carol(), team.dave(), team.erin())) {
            team.awaitDmAbout(
                    approver,
                    id,
                    m -> m.visibleText().contains("Approved") && !m.hasButton("approve") && m.hasButton("details"));
        }
        // Updated in place: each approver still has exactly one message about the request.
        for (var approver : List.of(team.bob(), team.carol(), team.dave(), team.erin())) {
            assertThat(team.dmsAbout(approver, id)).hasSize(1);
        }
        assertThat(approved.path("deliveryProblems")).isEmpty();

        // and every exchange with Slack is on record, without the token
        var exchanges = api.get(ApiClient.REQUESTS + "/" + id + "/slack-exchanges");
        assertThat(exchanges.status()).isEqualTo(200);
        assertThat(exchanges.json())
                .extracting(e -> e.path("direction").asString() + " "
                        + e.path("name").asString() + " " + e.path("outcome").asString())
                .contains("out chat.postMessage ok", "out chat.update ok", "in block_actions approve accepted");
        assertThat(exchanges.json())
                .filteredOn(e -> e.path("direction").asString().equals("in"))
                .extracting(e -> e.path("slackUser").asString())
                .containsExactlyInAnyOrder(
                        team.bob().id(), team.carol().id(), team.erin().id());
        assertThat(exchanges.body()).doesNotContain(slack.botToken());
    }

    @Test
    void rejectingAsksForAReasonInAModalAndTellsTheRequesterWhy() {
        String id = api.create(NewRequestBody.request(
                                "Export customer table", team.alice().email())
                        .level(1, team.bob().email(), team.carol().email()))
                .path("id")
                .asString();
        EmulatedMessage toBob = team.awaitRequestDm(team.bob(), id);

        // when: bob clicks Reject
        slack.click(team.bob(), toBob, "reject");

        // then: a modal asks for the reason; nothing is decided yet
        OpenView modal = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> slack.openViews(team.bob().id()).stream()
                                .findFirst()
                                .orElse(null),
                        v -> v != null);
        assertThat(modal.callbackId()).isEqualTo("reject-reason");
        assertThat(api.fetch(id).path("status").asString()).isEqualTo("pending");

        // when: he submits a reason
        InteractionResponse submitted =
                slack.submitView(team.bob(), modal, Map.of("reason-input", "PII must not leave the EU"));

        // then: rejected with that reason; alice hears who and why; the messages show it without buttons
        assertThat(submitted.status()).isEqualTo(200);
        assertThat(submitted.body() == null ? "" : submitted.body()).doesNotContain("errors");
        JsonNode rejected = awaitRequest(id, r -> r.path("status").asString().equals("rejected"));
        assertThat(rejected.path("decisions").get(0).path("reason").asString()).isEqualTo("PII must not leave the EU");
        EmulatedMessage toAlice =
                team.awaitDmAbout(team.alice(), id, m -> m.visibleText().contains("declined"));
        assertThat(toAlice.visibleText())
                .contains("PII must not leave the EU")
                .contains(team.bob().id());
        team.awaitDmAbout(team.carol(), id, m -> m.visibleText().contains("Rejected") && !m.hasButton("approve"));
    }

    @Test
    void urgentRequestsTellExecutorsAtOnceOfferOnlyApproveAndReportCompletion() {
        String id = api.create(NewRequestBody.request(
                                "Hotfix: restart payment workers", team.alice().email())
                        .level(1, team.bob().email())
                        .executors(team.oscar().email())
                        .urgent())
                .path("id")
                .asString();

        // then: oscar may run it now; bob's DM says urgent and has no Reject
        EmulatedMessage toOscar =
                team.awaitDmAbout(team.oscar(), id, m -> m.visibleText().contains("Urgent"));
        assertThat(toOscar.visibleText()).contains("you may run this work now");
        EmulatedMessage toBob = team.awaitRequestDm(team.bob(), id);
        assertThat(toBob.visibleText()).contains("Urgent");
        assertThat(toBob.buttons()).containsExactly("approve", "details");

        // when: bob approves afterwards
        slack.click(team.bob(), toBob, "approve");

        // then: alice gets the completion DM
        awaitRequest(id, r -> r.path("status").asString().equals("approved"));
        team.awaitDmAbout(team.alice(), id, m -> m.visibleText().contains("fully approved"));
    }

    @Test
    void aDecisionMadeThroughTheApiUpdatesTheSlackMessagesInPlace() {
        String id = api.create(NewRequestBody.request(
                                "Grant admin role to ci-bot", team.alice().email())
                        .level(1, team.bob().email(), team.carol().email()))
                .path("id")
                .asString();
        EmulatedMessage before = team.awaitRequestDm(team.bob(), id);
        assertThat(before.hasButton("approve")).isTrue();

        api.decide(id, team.carol().email(), "reject", "ci-bot needs no admin");

        EmulatedMessage after =
                team.awaitDmAbout(team.bob(), id, m -> m.visibleText().contains("Rejected"));
        assertThat(after.ts()).isEqualTo(before.ts());
        assertThat(after.updateCount()).isGreaterThanOrEqualTo(1);
        assertThat(after.buttons()).containsExactly("details");
        assertThat(after.visibleText()).contains("ci-bot needs no admin");
    }

    @Test
    void anApproverWithoutASlackAccountIsRecordedAndTheRequesterIsTold() {
        String ghost =
                "ghost@" + team.alice().email().substring(team.alice().email().indexOf('@') + 1);
        String id = api.create(NewRequestBody.request(
                                "Delete idle buckets", team.alice().email())
                        .level(1, team.bob().email(), ghost))
                .path("id")
                .asString();

        team.awaitRequestDm(team.bob(), id);
        EmulatedMessage toAlice =
                team.awaitDmAbout(team.alice(), id, m -> m.visibleText().contains(ghost));
        assertThat(toAlice.visibleText()).contains("no Slack account");
        JsonNode request = awaitRequest(id, r -> !r.path("deliveryProblems").isEmpty());
        assertThat(request.path("deliveryProblems").get(0).path("recipient").asString())
                .isEqualTo(ghost);
        assertThat(request.path("deliveryProblems").get(0).path("problem").asString())
                .contains("no Slack account");
    }

    @Test
    void approvingATypeThatNeedsAReasonAsksForItInAModalInsteadOfAConfirmDialog() {
        String id = api.create(NewRequestBody.request(
                                "ALTER TABLE orders ADD COLUMN region",
                                team.alice().email())
                        .with("type", "sql-change")
                        .level(1, team.bob().email()))
                .path("id")
                .asString();
        EmulatedMessage toBob = team.awaitRequestDm(team.bob(), id);
        assertThat(toBob.blocksJson()).doesNotContain("\"confirm\"");

        slack.click(team.bob(), toBob, "approve");
        OpenView modal = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> slack.openViews(team.bob().id()).stream()
                                .findFirst()
                                .orElse(null),
                        v -> v != null);
        assertThat(modal.callbackId()).isEqualTo("approve-reason");
        assertThat(api.fetch(id).path("status").asString()).isEqualTo("pending");

        slack.submitView(team.bob(), modal, Map.of("reason-input", "Reviewed in PR 1234, online migration"));

        JsonNode approved = awaitRequest(id, r -> r.path("status").asString().equals("approved"));
        assertThat(approved.path("decisions").get(0).path("reason").asString())
                .isEqualTo("Reviewed in PR 1234, online migration");
        assertThat(approved.path("decisions").get(0).path("verdict").asString()).isEqualTo("approve");
    }

    @Test
    void aModalSubmittedAfterSomeoneElseDecidedShowsWhyInsideTheModal() {
        String id = api.create(NewRequestBody.request(
                                "Truncate sessions table", team.alice().email())
                        .level(1, team.bob().email(), team.carol().email()))
                .path("id")
                .asString();
        slack.click(team.bob(), team.awaitRequestDm(team.bob(), id), "reject");
        OpenView modal = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> slack.openViews(team.bob().id()).stream()
                                .findFirst()
                                .orElse(null),
                        v -> v != null);

        // carol approves while bob is still typing
        api.approve(id, team.carol().email());
        InteractionResponse submitted = slack.submitView(team.bob(), modal, Map.of("reason-input", "too risky"));

        assertThat(submitted.body()).contains("\"response_action\":\"errors\"").contains("already decided");
        assertThat(slack.openViews(team.bob().id())).isNotEmpty();
        assertThat(api.fetch(id).path("status").asString()).isEqualTo("approved");
        assertThat(api.fetch(id).path("decisions")).hasSize(1);
    }

    @Test
    void cancellingThroughTheApiTakesTheButtonsAwayAndSaysWhoCancelled() {
        String id = api.create(
                        NewRequestBody.request("Reindex warehouse", team.alice().email())
                                .level(1, team.bob().email()))
                .path("id")
                .asString();
        EmulatedMessage before = team.awaitRequestDm(team.bob(), id);

        api.post(
                ApiClient.REQUESTS + "/" + id + "/cancel",
                "{\"by\":\"" + team.alice().email() + "\",\"reason\":\"found a cheaper way\"}");

        EmulatedMessage after =
                team.awaitDmAbout(team.bob(), id, m -> m.visibleText().contains("Cancelled"));
        assertThat(after.ts()).isEqualTo(before.ts());
        assertThat(after.buttons()).containsExactly("details");
        assertThat(after.visibleText()).contains(team.alice().email()).contains("found a cheaper way");
    }

    @Test
    void peopleAreLookedUpByEmailOnceAndRememberedAfterwards() {
        for (String title : List.of("First of two", "Second of two")) {
            String id = api.create(NewRequestBody.request(title, team.alice().email())
                            .level(1, team.bob().email()))
                    .path("id")
                    .asString();
            team.awaitRequestDm(team.bob(), id);
        }

        assertThat(slack.calls("users.lookupByEmail"))
                .filteredOn(call -> team.bob().email().equals(call.param("email")))
                .hasSize(1);
    }

    @Test
    void someoneListedOnTwoLevelsIsAskedAgainWhenTheSecondLevelComes() {
        // dave sits on both levels; bob's approval satisfies level 1 without him, so level 2 may count on him
        String id = api.create(NewRequestBody.request(
                                "Shut down legacy datacenter", team.alice().email())
                        .level(1, team.bob().email(), team.dave().email())
                        .level(1, team.dave().email(), team.erin().email()))
                .path("id")
                .asString();
        EmulatedMessage levelOneToDave = team.awaitRequestDm(team.dave(), id);

        slack.click(team.bob(), team.awaitRequestDm(team.bob(), id), "approve");

        EmulatedMessage levelTwoToDave = team.awaitDmAbout(
                team.dave(), id, m -> m.visibleText().contains("Level 2 of 2") && m.hasButton("approve"));
        assertThat(levelTwoToDave.ts()).isNotEqualTo(levelOneToDave.ts());
        team.awaitDmAbout(
                team.dave(),
                id,
                m -> m.ts().equals(levelOneToDave.ts())
                        && !m.hasButton("approve")
                        && m.visibleText().contains("Level 1 approved"));

        slack.click(team.dave(), levelTwoToDave, "approve");

        awaitStatus(id, "approved");
        team.awaitDmAbout(team.erin(), id, m -> m.visibleText().contains("Approved") && !m.hasButton("approve"));
    }
}
