package dev.countersign.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.countersign.api.NewRequestBody;
import dev.countersign.delivery.Delivery.PublishHome;
import dev.countersign.emulator.EmulatedUser;
import dev.countersign.emulator.HomeTab;
import dev.countersign.emulator.InteractionResponse;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The App Home tab: published when opened, and again whenever one of its two lists changes for its owner. */
class AppHomeIT extends SlackEndToEnd {

    private HomeTab awaitHome(EmulatedUser user, Predicate<HomeTab> condition) {
        return await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> slack.home(user.id()).orElse(null), home -> home != null && condition.test(home));
    }

    private void opens(EmulatedUser user) {
        InteractionResponse response = slack.openHome(user);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.acknowledgedInTime()).isTrue();
    }

    @Test
    void openingTheHomeTabPublishesBothLists() {
        // given: bob is asked on one request and made another himself
        String asksBob = api.create(NewRequestBody.request(
                                "Rotate the payments key", team.alice().email())
                        .level(1, team.bob().email()))
                .path("id")
                .asString();
        api.create(
                NewRequestBody.request("Open port 8443 on the edge", team.bob().email())
                        .level(1, team.carol().email()));

        // when
        opens(team.bob());

        // then: views.publish for bob, with the DM's buttons for what waits for him
        HomeTab home = awaitHome(team.bob(), tab -> tab.visibleText().contains("Rotate the payments key"));
        assertThat(home.visibleText())
                .contains("Waiting for your decision (1)", "Your open requests (1)", "Open port 8443 on the edge");
        assertThat(home.buttons()).containsExactly("approve", "reject", "details", "details");
        assertThat(home.viewJson()).contains("\"type\":\"home\"", "\"" + asksBob + ":1\"");
        backlog.awaitSent(new PublishHome(team.carol().id()).lane());
        assertThat(slack.home(team.carol().id())).isEmpty();
    }

    @Test
    void aDecisionRepublishesTheTabsWithoutThatRequest() {
        // given: bob (the approver) and alice (the requester) have the request on their tabs
        String id = api.create(NewRequestBody.request(
                                "Restart the billing workers", team.alice().email())
                        .level(1, team.bob().email()))
                .path("id")
                .asString();
        opens(team.bob());
        opens(team.alice());
        HomeTab bobBefore = awaitHome(team.bob(), tab -> tab.visibleText().contains("Restart the billing workers"));
        awaitHome(team.alice(), tab -> tab.visibleText().contains("Restart the billing workers"));

        // when: bob approves in his DM
        slack.click(team.bob(), team.awaitRequestDm(team.bob(), id), "approve");

        // then: both tabs are published again, without it
        awaitStatus(id, "approved");
        HomeTab bobAfter = awaitHome(team.bob(), tab -> !tab.visibleText().contains("Restart the billing workers"));
        assertThat(bobAfter.publishCount()).isGreaterThan(bobBefore.publishCount());
        assertThat(bobAfter.visibleText()).contains("Waiting for your decision (0)");
        assertThat(bobAfter.buttons()).isEmpty();
        HomeTab aliceAfter = awaitHome(team.alice(), tab -> !tab.visibleText().contains("Restart the billing workers"));
        assertThat(aliceAfter.visibleText()).contains("Your open requests (0)");
    }

    @Test
    void approvingOnTheHomeTabRecordsTheDecisionAndRedrawsTheTab() {
        // given
        String id = api.create(NewRequestBody.request(
                                "Scale the search cluster to 12 nodes",
                                team.alice().email())
                        .level(1, team.erin().email()))
                .path("id")
                .asString();
        opens(team.erin());
        awaitHome(team.erin(), tab -> tab.buttons().contains("approve"));

        // when
        InteractionResponse click = slack.clickHome(team.erin(), "approve");

        // then
        assertThat(click.acknowledgedInTime()).isTrue();
        var approved = awaitStatus(id, "approved");
        assertThat(approved.path("decisions").get(0).path("approver").asString())
                .isEqualTo(team.erin().email());
        awaitHome(team.erin(), tab -> tab.visibleText().contains("Nothing waits for your decision"));
    }

    @Test
    void aNewRequestAppearsOnTheTabOfAnApproverWhoOpenedIt() {
        // given: bob looked at an empty tab; dave never opened his
        opens(team.bob());
        awaitHome(team.bob(), tab -> tab.visibleText().contains("Nothing waits for your decision"));

        // when
        api.create(
                NewRequestBody.request("Grant carol admin on prod", team.alice().email())
                        .level(1, team.bob().email(), team.dave().email()));

        // then
        awaitHome(
                team.bob(),
                tab -> tab.visibleText().contains("Grant carol admin on prod")
                        && tab.buttons().contains("approve"));
        team.awaitDm(team.dave(), m -> m.visibleText().contains("Grant carol admin on prod"));
        backlog.awaitSent(new PublishHome(team.dave().id()).lane());
        assertThat(slack.home(team.dave().id())).isEmpty();
    }
}
