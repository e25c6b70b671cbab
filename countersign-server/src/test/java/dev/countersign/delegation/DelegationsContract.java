package dev.countersign.delegation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.approval.Email;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;

/**
 * What the delegation store and the mandates read from it must do on the real schema, on each database we support.
 * Subclasses only choose the database, which other test classes share: each test uses people of its own.
 */
abstract class DelegationsContract {

    /** Counts the announcements each delegation got, on whichever thread they happened. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Announcements implements DelegationFollowUps {

        final Map<String, Integer> started = new ConcurrentHashMap<>();
        final Map<String, Integer> ended = new ConcurrentHashMap<>();

        @Override
        public void record(DelegationStarted event) {
            started.merge(event.delegation().id(), 1, Integer::sum);
        }

        @Override
        public void record(DelegationEnded event) {
            ended.merge(event.delegation().id(), 1, Integer::sum);
        }
    }

    @Autowired
    JdbcDelegations store;

    @Autowired
    CreateDelegation create;

    @Autowired
    RevokeDelegation revoke;

    @Autowired
    DelegationMandates mandates;

    @Autowired
    DelegationAnnouncements announcements;

    @Autowired
    Announcements heard;

    private Email alice;
    private Email bob;
    private Email carol;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @BeforeEach
    void people() {
        String domain = "@" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
        alice = Email.of("alice" + domain);
        bob = Email.of("bob" + domain);
        carol = Email.of("carol" + domain);
    }

    @Test
    void storesADelegationAndFindsItById() {
        // when
        Delegation created =
                create.create(alice, bob, null, now.plus(Duration.ofDays(3)), "parental leave", alice.value());

        // then
        Delegation found = store.find(created.id()).orElseThrow();
        assertThat(found.from()).isEqualTo(alice);
        assertThat(found.to()).isEqualTo(bob);
        assertThat(found.endsAt()).isEqualTo(created.endsAt());
        assertThat(found.reason()).isEqualTo("parental leave");
        assertThat(found.createdBy()).isEqualTo(alice.value());
        assertThat(found.status(Instant.now())).isEqualTo(DelegationStatus.ACTIVE);
        assertThat(store.find("0".repeat(32))).isEmpty();
    }

    @Test
    void mandatesFollowTheStoredWindowsAndRevocations() {
        // given: bob from now, carol only from tomorrow
        Delegation toBob = create.create(alice, bob, null, now.plus(Duration.ofDays(3)), null, "admin");
        create.create(alice, carol, now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)), null, "admin");

        // then
        Instant later = Instant.now();
        assertThat(mandates.proxiesFor(alice, later)).containsExactly(bob);
        assertThat(mandates.proxiesFor(alice, now.plus(Duration.ofDays(1)))).containsExactlyInAnyOrder(bob, carol);
        assertThat(mandates.mayActFor(carol, alice, now.plus(Duration.ofDays(2))))
                .isFalse();

        // when
        Delegation revoked = revoke.revoke(toBob.id(), alice.value());

        // then
        assertThat(mandates.mayActFor(bob, alice, Instant.now())).isFalse();
        assertThat(store.find(toBob.id()).orElseThrow().revokedBy()).isEqualTo(alice.value());
        assertThat(store.find(toBob.id()).orElseThrow().revokedAt()).isEqualTo(revoked.revokedAt());
        assertThatThrownBy(() -> revoke.revoke(toBob.id(), "admin")).isInstanceOf(DelegationConflict.class);
        assertThatThrownBy(() -> revoke.revoke("nope", "admin")).isInstanceOf(DelegationNotFound.class);
    }

    @Test
    void listsNewestFirstWithFiltersAndPages() {
        // given
        Delegation first = create.create(alice, bob, null, now.plus(Duration.ofDays(3)), null, "admin");
        Delegation second =
                create.create(alice, carol, now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)), null, "admin");
        Delegation third = create.create(carol, bob, null, now.plus(Duration.ofDays(2)), null, "admin");

        // when
        var fromAlice = store.search(new DelegationQuery(alice, null, null, 1, null));
        var rest = store.search(new DelegationQuery(alice, null, null, 1, fromAlice.next()));
        var toBobActive = store.search(new DelegationQuery(null, bob, Instant.now(), 50, null));

        // then
        assertThat(fromAlice.items()).extracting(Delegation::id).containsExactly(second.id());
        assertThat(rest.items()).extracting(Delegation::id).containsExactly(first.id());
        assertThat(rest.next()).isNull();
        assertThat(toBobActive.items()).extracting(Delegation::id).containsExactly(third.id(), first.id());
    }

    @Test
    void announcesEachStartAndEachEndOnceHoweverOftenTheSweepRuns() {
        // given: one that starts in an hour and lasts a day
        Delegation later =
                create.create(alice, bob, now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(25)), null, "admin");
        assertThat(started(later)).isZero();

        // when: sweeps before the start, then two at once after it, then another
        announcements.runDue(now.plus(Duration.ofMinutes(59)));
        Instant afterStart = now.plus(Duration.ofHours(2));
        CompletableFuture.allOf(
                        CompletableFuture.runAsync(() -> announcements.runDue(afterStart)),
                        CompletableFuture.runAsync(() -> announcements.runDue(afterStart)))
                .join();
        announcements.runDue(afterStart.plusSeconds(1));

        // then
        assertThat(started(later)).isOne();
        assertThat(ended(later)).isZero();

        // when: the end passes, swept twice
        announcements.runDue(now.plus(Duration.ofHours(26)));
        announcements.runDue(now.plus(Duration.ofHours(27)));

        // then
        assertThat(ended(later)).isOne();
    }

    @Test
    void aDelegationThatStartsNowIsAnnouncedAtOnceAndARevokedOneEndsAtOnce() {
        // when
        Delegation now = create.create(alice, bob, null, this.now.plus(Duration.ofDays(1)), null, "admin");
        announcements.runDue(Instant.now());

        // then
        assertThat(started(now)).isOne();

        // when
        revoke.revoke(now.id(), "admin");
        announcements.runDue(this.now.plus(Duration.ofDays(2)));

        // then
        assertThat(ended(now)).isOne();
    }

    private int started(Delegation d) {
        return heard.started.getOrDefault(d.id(), 0);
    }

    private int ended(Delegation d) {
        return heard.ended.getOrDefault(d.id(), 0);
    }
}
