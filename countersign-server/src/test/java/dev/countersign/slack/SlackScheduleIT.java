package dev.countersign.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.countersign.api.ApiClient;
import dev.countersign.api.NewRequestBody;
import dev.countersign.approval.MutableClock;
import dev.countersign.emulator.EmulatedMessage;
import dev.countersign.emulator.EmulatedUser;
import dev.countersign.emulator.SlackEmulator;
import dev.countersign.schedule.DueWorkSweep;
import dev.countersign.schedule.UrgentReport;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Time, as people in Slack notice it: expiry, reminders, escalation, quiet hours and the urgent daily report. The
 * clock is the test's; the sweep and the report are run for the time the test sets, and what they queue is sent
 * to the Slack emulator by the real dispatcher.
 */
@ScheduledSlackApp
class SlackScheduleIT {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    DueWorkSweep sweep;

    @Autowired
    UrgentReport urgentReport;

    @Autowired
    JdbcClient jdbc;

    final SlackEmulator slack = EmulatedSlack.emulator();
    ApiClient api;
    Team team;
    SlackBacklog backlog;

    @BeforeEach
    void connect() {
        slack.requestUrl(URI.create("http://127.0.0.1:" + port + "/slack/events"));
        api = ApiClient.onPort(port, SlackApp.TOKEN);
        team = Team.fresh(slack);
        backlog = new SlackBacklog(jdbc);
        // Slack signs clicks with the real time, so every test starts there.
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void expiryReleasesTheWaiterRedrawsEveryMessageTellsTheRequesterAndExplainsLateClicks() {
        // given: a "quick" request, which expires after a minute by default; bob has its DM, alice waits for it
        JsonNode created = api.create(
                NewRequestBody.request("Rotate the signing key", team.alice().email())
                        .with("type", "quick")
                        .level(1, team.bob().email(), team.carol().email()));
        String id = created.path("id").asString();
        assertThat(Instant.parse(created.path("expiresAt").asString()))
                .isEqualTo(Instant.parse(created.path("createdAt").asString()).plus(Duration.ofMinutes(1)));
        EmulatedMessage toBob = team.awaitRequestDm(team.bob(), id);
        // bob clicks Approve, but the click reaches the app only once the request has expired
        slack.requestUrl(URI.create("http://127.0.0.1:9/nowhere"));
        try {
            slack.click(team.bob(), toBob, "approve");
        } catch (UncheckedIOException heldBack) {
            // captured, not delivered yet
        }
        var lateClick = slack.lastDelivery();
        slack.requestUrl(URI.create("http://127.0.0.1:" + port + "/slack/events"));
        CompletableFuture<ApiClient.Answer> waiting =
                api.getAsync(ApiClient.REQUESTS + "/" + id + "/wait?timeout=110s");

        // when: the sweep runs just before the expiry, then just after it, twice
        sweep.runAt(clock.instant().plusSeconds(59));
        assertThat(api.fetch(id).path("status").asString()).isEqualTo("pending");
        clock.advance(Duration.ofSeconds(61));
        sweep.runAt(clock.instant());
        sweep.runAt(clock.instant());

        // then: the caller's long-poll answers "expired"
        JsonNode outcome = waiting.orTimeout(20, TimeUnit.SECONDS).join().json();
        assertThat(outcome.path("status").asString()).isEqualTo("expired");

        // then: every message about it says so, without buttons; alice is told once
        for (EmulatedUser approver : List.of(team.bob(), team.carol())) {
            team.awaitDmAbout(
                    approver,
                    id,
                    m -> m.visibleText().contains("*Expired* — no decision by")
                            && !m.hasButton("approve")
                            && m.hasButton("details"));
        }
        team.awaitDmAbout(team.alice(), id, m -> m.visibleText().contains("Your request expired"));
        backlog.awaitSent(id);
        assertThat(team.dmsAbout(team.alice(), id))
                .filteredOn(m -> m.visibleText().contains("expired"))
                .hasSize(1);

        // when: bob's click on the message as he saw it arrives
        slack.send(lateClick.body(), lateClick.headers());

        // then: only he is told, that it expired; nothing changed
        await().atMost(Duration.ofSeconds(20))
                .until(() -> slack.ephemerals(team.bob().id()).stream()
                        .anyMatch(m -> m.text().contains("expired before anyone decided")));
        assertThat(api.fetch(id).path("decisions")).isEmpty();
    }

    @Test
    void remindsUndecidedApproversInTheirThreadEveryIntervalAtMostMaxTimesThenEscalatesOnce() {
        // given: level 1 needs bob and carol; bob approves; reminders every 4 h, at most 2, then dave, carol and
        // a channel are told
        String channelName = "escalations-" + UUID.randomUUID().toString().substring(0, 8);
        String channelId = slack.addChannel(channelName);
        String id = api.create(NewRequestBody.request(
                                "Open port 22 on the bastion", team.alice().email())
                        .levelOfAll(team.bob().email(), team.carol().email())
                        .reminders("PT4H", 2, team.dave().email(), team.carol().email(), "#" + channelName))
                .path("id")
                .asString();
        EmulatedMessage toCarol = team.awaitRequestDm(team.carol(), id);
        EmulatedMessage toBob = team.awaitRequestDm(team.bob(), id);
        api.approve(id, team.bob().email());

        // when: not yet 4 hours
        sweep.runAt(clock.instant().plus(Duration.ofHours(4)).minusSeconds(1));

        // then: nobody is reminded
        backlog.awaitSent(id);
        assertThat(repliesTo(toCarol)).isEmpty();

        // when: 4 hours pass, and the sweep runs twice (late, or on two instances)
        clock.advance(Duration.ofHours(4));
        sweep.runAt(clock.instant());
        sweep.runAt(clock.instant());

        // then: carol, who has not decided, gets one reminder in the thread of her DM; bob, who has, none
        awaitReplies(id, toCarol, 1);
        assertThat(repliesTo(toCarol).getFirst().visibleText()).contains("Reminder 1 of 2", "waits for your decision");

        // when: another 4 hours
        clock.advance(Duration.ofHours(4));
        sweep.runAt(clock.instant());

        // then: the second and last reminder
        awaitReplies(id, toCarol, 2);
        assertThat(repliesTo(toCarol).get(1).visibleText()).contains("Reminder 2 of 2");
        assertThat(team.dmsAbout(team.dave(), id)).isEmpty();

        // when: another 4 hours, swept twice
        clock.advance(Duration.ofHours(4));
        sweep.runAt(clock.instant());
        sweep.runAt(clock.instant());

        // then: escalation, once: carol (an approver of the level) gets buttons, dave and the channel Details only
        EmulatedMessage toDave =
                team.awaitDmAbout(team.dave(), id, m -> m.visibleText().contains("stuck"));
        assertThat(toDave.buttons()).containsExactly("details");
        EmulatedMessage escalatedToCarol =
                team.awaitDmAbout(team.carol(), id, m -> m.visibleText().contains("stuck"));
        assertThat(escalatedToCarol.buttons()).contains("approve", "reject", "details");
        EmulatedMessage posted = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> slack.messages(channelId).stream()
                                .filter(m -> m.blocksJson().contains(id))
                                .findFirst()
                                .orElse(null),
                        m -> m != null);
        assertThat(posted.visibleText()).contains("stuck", team.carol().id());
        assertThat(posted.buttons()).containsExactly("details");

        // when: days pass
        clock.advance(Duration.ofDays(2));
        sweep.runAt(clock.instant());

        // then: nothing more: two reminders, one escalation each
        backlog.awaitSent(id);
        assertThat(repliesTo(toCarol)).hasSize(2);
        assertThat(repliesTo(toBob)).isEmpty();
        assertThat(team.dmsAbout(team.dave(), id)).hasSize(1);
        assertThat(slack.messages(channelId))
                .filteredOn(m -> m.blocksJson().contains(id))
                .hasSize(1);

        // when: carol approves (the clock stays days ahead, so through the API rather than a signed click)
        api.approve(id, team.carol().email());

        // then: the escalation messages are redrawn with the outcome, without buttons
        team.awaitDmAbout(team.dave(), id, m -> m.visibleText().contains("*Approved*"));
        team.awaitDmAbout(
                team.carol(),
                id,
                m -> m.text().startsWith("Stuck:")
                        && !m.hasButton("approve")
                        && m.visibleText().contains("*Approved*"));
    }

    @Test
    void aSweepWithMoreDueThanOneBatchHoldsTakesEveryOneOnceAndOnlyThose() {
        // given: 60 requests that expire after a minute, 60 that remind hourly (batches hold 50), and one of each
        // that is not due yet: made later, or reminding every two hours
        List<String> expiring = new ArrayList<>();
        List<String> reminding = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            expiring.add(api.create(NewRequestBody.request(
                                    "Expire me " + i, team.alice().email())
                            .with("type", "quick")
                            .level(1, team.bob().email()))
                    .path("id")
                    .asString());
            reminding.add(api.create(NewRequestBody.request(
                                    "Remind me " + i, team.alice().email())
                            .levelOfAll(team.carol().email())
                            .reminders("PT1H", 2))
                    .path("id")
                    .asString());
        }
        String remindsLater = api.create(
                        NewRequestBody.request("Not yet", team.alice().email())
                                .levelOfAll(team.carol().email())
                                .reminders("PT2H", 2))
                .path("id")
                .asString();
        List<EmulatedMessage> toCarol = reminding.stream()
                .map(id -> team.awaitRequestDm(team.carol(), id))
                .toList();
        EmulatedMessage notYetToCarol = team.awaitRequestDm(team.carol(), remindsLater);
        clock.advance(Duration.ofMinutes(59).plusSeconds(30));
        String expiresLater = api.create(
                        NewRequestBody.request("Expire me later", team.alice().email())
                                .with("type", "quick")
                                .level(1, team.bob().email()))
                .path("id")
                .asString();

        // when: an hour has passed; the sweep runs twice
        clock.advance(Duration.ofSeconds(30));
        sweep.runAt(clock.instant());
        sweep.runAt(clock.instant());

        // then: each due request expired and its requester told once; each due reminder sent once
        assertThat(expiring)
                .allSatisfy(id ->
                        assertThat(api.fetch(id).path("status").asString()).isEqualTo("expired"));
        assertThat(api.fetch(expiresLater).path("status").asString()).isEqualTo("pending");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> toCarol.stream().noneMatch(dm -> repliesTo(dm).isEmpty()));
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        expiring.stream().allMatch(id -> !expiredNotices(id).isEmpty()));
        List<String> all = new ArrayList<>(expiring);
        all.addAll(reminding);
        all.addAll(List.of(remindsLater, expiresLater));
        backlog.awaitSent(all);
        assertThat(expiring).allSatisfy(id -> assertThat(expiredNotices(id)).hasSize(1));
        assertThat(toCarol)
                .allSatisfy(dm -> assertThat(repliesTo(dm))
                        .singleElement()
                        .satisfies(reply -> assertThat(reply.visibleText()).contains("Reminder 1 of 2")));
        assertThat(repliesTo(notYetToCarol)).isEmpty();
        assertThat(expiredNotices(expiresLater)).isEmpty();
    }

    private List<EmulatedMessage> expiredNotices(String id) {
        return team.dmsAbout(team.alice(), id).stream()
                .filter(m -> m.visibleText().contains("Your request expired"))
                .toList();
    }

    @Test
    void aLevelChangeStartsTheReminderCountAfresh() {
        // given: two levels, one reminder an hour at most
        String id = api.create(NewRequestBody.request(
                                "Grant prod read access", team.alice().email())
                        .levelOfAll(team.bob().email())
                        .levelOfAll(team.erin().email())
                        .reminders("PT1H", 1))
                .path("id")
                .asString();
        EmulatedMessage toBob = team.awaitRequestDm(team.bob(), id);
        clock.advance(Duration.ofHours(1));
        sweep.runAt(clock.instant());
        awaitReplies(id, toBob, 1);

        // when: bob approves, so erin's level is asked, and an hour passes
        api.approve(id, team.bob().email());
        EmulatedMessage toErin = team.awaitRequestDm(team.erin(), id);
        clock.advance(Duration.ofHours(1));
        sweep.runAt(clock.instant());

        // then: erin gets the first reminder of her level
        awaitReplies(id, toErin, 1);
        assertThat(repliesTo(toErin).getFirst().visibleText()).contains("Reminder 1 of 1", "level 2");
        assertThat(repliesTo(toBob)).hasSize(1);
    }

    @Test
    void quietHoursAndWeekendsPushAReminderToTheNextBusinessMorningInTheTypesZone() {
        // given: an "office" request (hourly, 20:00-08:00 quiet, MON-FRI, Berlin) made Friday 18:30 in Berlin
        clock.set(Instant.parse("2026-11-27T17:30:00Z"));
        String id = api.create(NewRequestBody.request(
                                "Raise the invoice limit", team.alice().email())
                        .with("type", "office")
                        .levelOfAll(team.bob().email()))
                .path("id")
                .asString();
        EmulatedMessage toBob = team.awaitRequestDm(team.bob(), id);

        // when: 19:30 in Berlin
        clock.set(Instant.parse("2026-11-27T18:30:00Z"));
        sweep.runAt(clock.instant());

        // then: reminded
        awaitReplies(id, toBob, 1);

        // when: the night, Saturday, Sunday, and Monday 07:59 in Berlin
        for (String at : List.of(
                "2026-11-27T19:30:00Z", "2026-11-28T09:00:00Z", "2026-11-29T12:00:00Z", "2026-11-30T06:59:00Z")) {
            clock.set(Instant.parse(at));
            sweep.runAt(clock.instant());
        }

        // then: nothing
        backlog.awaitSent(id);
        assertThat(repliesTo(toBob)).hasSize(1);

        // when: Monday 08:00 in Berlin (07:00 UTC)
        clock.set(Instant.parse("2026-11-30T07:00:00Z"));
        sweep.runAt(clock.instant());

        // then: the second reminder
        awaitReplies(id, toBob, 2);
    }

    @Test
    void urgentReportTellsUndecidedApproversOfRequestsExecutableForMoreThanADayOncePerDay() {
        // given: two urgent requests an hour apart; bob approved the first one already (Tuesday, Auckland)
        Instant t0 = Instant.parse("2026-12-07T22:00:00Z"); // 11:00 on Tuesday 8 December in Auckland
        clock.set(t0);
        String first = api.create(
                        NewRequestBody.request("Hotfix payments", team.alice().email())
                                .urgent()
                                .level(
                                        2,
                                        team.bob().email(),
                                        team.carol().email(),
                                        team.dave().email()))
                .path("id")
                .asString();
        clock.set(t0.plus(Duration.ofHours(1)));
        String second = api.create(
                        NewRequestBody.request("Hotfix search", team.alice().email())
                                .urgent()
                                .level(1, team.bob().email(), team.carol().email()))
                .path("id")
                .asString();
        clock.set(t0.plus(Duration.ofMinutes(90)));
        api.approve(first, team.bob().email());
        team.awaitRequestDm(team.carol(), second);

        // when: the report fires exactly a day after the first was made
        clock.set(t0.plus(Duration.ofHours(24)));
        urgentReport.sendFor(t0.plus(Duration.ofHours(24)));

        // then: not more than one day: nothing
        backlog.awaitSent(first, second);
        assertThat(reports(team.carol(), first)).isEmpty();

        // when: a second later
        assertThat(urgentReport.sendFor(t0.plus(Duration.ofHours(24)).plusSeconds(1)))
                .isPositive();

        // then: carol and dave are told about the first; bob, who approved it, is not; the second is too young
        awaitReports(team.carol(), first, 1);
        awaitReports(team.dave(), first, 1);
        EmulatedMessage report = reports(team.carol(), first).getFirst();
        assertThat(report.visibleText()).contains("urgent request still not approved", "Hotfix payments");
        assertThat(report.buttons()).contains("approve").doesNotContain("reject");
        assertThat(reports(team.bob(), first)).isEmpty();
        assertThat(reports(team.carol(), second)).isEmpty();

        // when: later the same Auckland day, the report fires again (a re-run, a second instance)
        urgentReport.sendFor(t0.plus(Duration.ofHours(25)).plusSeconds(1));

        // then: the first is not reported again; the second, now more than a day old, is: one message per request
        awaitReports(team.carol(), second, 1);
        awaitReports(team.bob(), second, 1);
        backlog.awaitSent(first, second);
        assertThat(reports(team.carol(), first)).hasSize(1);

        // when: the next day in Auckland
        urgentReport.sendFor(t0.plus(Duration.ofHours(48)));

        // then: both again, once each
        awaitReports(team.carol(), first, 2);
        awaitReports(team.carol(), second, 2);
    }

    @Test
    void urgentReportDaysAreDaysOfItsTimeZone() {
        // given: an urgent request two days old
        Instant made = Instant.parse("2026-11-20T12:00:00Z");
        clock.set(made);
        String id = api.create(NewRequestBody.request(
                                "Emergency DNS change", team.alice().email())
                        .urgent()
                        .level(1, team.bob().email()))
                .path("id")
                .asString();
        team.awaitRequestDm(team.bob(), id);

        // when: firings at 21:00 UTC on the 22nd and 09:00 UTC on the 23rd: two UTC days, one day in Auckland (23rd)
        clock.set(Instant.parse("2026-11-23T09:00:00Z"));
        urgentReport.sendFor(Instant.parse("2026-11-22T21:00:00Z"));
        urgentReport.sendFor(Instant.parse("2026-11-23T09:00:00Z"));

        // then: one report
        awaitReports(team.bob(), id, 1);
        backlog.awaitSent(id);
        assertThat(reports(team.bob(), id)).hasSize(1);

        // when: 11:00 UTC on the 23rd, which is midnight in Auckland
        urgentReport.sendFor(Instant.parse("2026-11-23T11:00:00Z"));

        // then: a new day, a new report
        awaitReports(team.bob(), id, 2);
    }

    private List<EmulatedMessage> repliesTo(EmulatedMessage message) {
        List<EmulatedMessage> thread = slack.thread(message.channel(), message.ts());
        return thread.stream().filter(m -> !m.ts().equals(message.ts())).toList();
    }

    /** Waits for {@code count} replies, then for the rest of the request's tasks, so a surplus one would show. */
    private void awaitReplies(String id, EmulatedMessage message, int count) {
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> repliesTo(message).size() >= count);
        backlog.awaitSent(id);
        assertThat(repliesTo(message)).hasSize(count);
    }

    private List<EmulatedMessage> reports(EmulatedUser user, String id) {
        return team.dmsAbout(user, id).stream().filter(reportMessage()).toList();
    }

    private void awaitReports(EmulatedUser user, String id, int count) {
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> reports(user, id).size() >= count);
        backlog.awaitSent(id);
        assertThat(reports(user, id)).hasSize(count);
    }

    private static Predicate<EmulatedMessage> reportMessage() {
        return m -> m.visibleText().contains("Daily reminder");
    }
}
