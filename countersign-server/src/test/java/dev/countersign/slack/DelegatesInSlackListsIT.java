package dev.countersign.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.countersign.api.NewRequestBody;
import dev.countersign.emulator.EmulatedMessage;
import dev.countersign.emulator.EmulatedUser;
import dev.countersign.emulator.HomeTab;
import dev.countersign.emulator.InteractionResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A delegate finds what their principal is asked in {@code /approvals} and on the Home tab, and decides there. */
class DelegatesInSlackListsIT extends SlackEndToEnd {

    private EmulatedMessage approvals(EmulatedUser user) {
        int before = slack.ephemerals(user.id()).size();
        InteractionResponse response =
                slack.slashCommand(user, slack.addChannel("#ops-" + user.id().toLowerCase()), "/approvals", "");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<EmulatedMessage> shown = slack.ephemerals(user.id());
        assertThat(shown).hasSize(before + 1);
        return shown.getLast();
    }

    @Test
    void aDelegateSeesWhatTheirPrincipalIsAskedAndApprovesOnTheirBehalf() {
        // given: bob delegates to dave; a request asks bob, another was made by dave himself and asks bob too
        api.delegate(team.bob().email(), team.dave().email(), Instant.now().plus(Duration.ofDays(2)));
        String asksBob = api.create(NewRequestBody.request(
                                "Rotate the payments key", team.alice().email())
                        .level(1, team.bob().email()))
                .path("id")
                .asString();
        api.create(NewRequestBody.request("Dave's own change", team.dave().email())
                .level(1, team.bob().email()));

        // when
        EmulatedMessage list = approvals(team.dave());

        // then: bob's request, said to be on bob's behalf; the one dave made is only among his own open requests
        assertThat(list.visibleText())
                .contains(
                        "Waiting for your decision (1)",
                        "Rotate the payments key",
                        "On behalf of",
                        "Your open requests (1)",
                        "Dave's own change");
        assertThat(list.buttons()).contains("approve", "reject");

        // when: dave approves from the list
        slack.click(team.dave(), list, "approve");

        // then: recorded as dave on behalf of bob
        var approved = awaitStatus(asksBob, "approved");
        assertThat(approved.path("decisions").get(0).path("approver").asString())
                .isEqualTo(team.dave().email());
        assertThat(approved.path("decisions").get(0).path("onBehalfOf").asString())
                .isEqualTo(team.bob().email());
    }

    @Test
    void aDelegatesHomeTabShowsANewRequestForTheirPrincipal() {
        // given: carol delegates to erin, who has opened her Home tab
        api.delegate(team.carol().email(), team.erin().email(), Instant.now().plus(Duration.ofDays(2)));
        assertThat(slack.openHome(team.erin()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> slack.home(team.erin().id()).isPresent());

        // when: a request asks carol
        api.create(NewRequestBody.request(
                        "Scale down the staging cluster", team.alice().email())
                .level(1, team.carol().email()));

        // then: erin's tab is published again with it
        HomeTab home = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> slack.home(team.erin().id()).orElse(null),
                        tab -> tab != null && tab.visibleText().contains("Scale down the staging cluster"));
        assertThat(home.visibleText()).contains("On behalf of");
    }
}
