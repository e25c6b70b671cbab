package dev.countersign.delegation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.approval.Email;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who may act for whom at a given moment, as the approval core asks it when a decision is cast. */
class DelegationMandatesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    private static final Instant STARTS = NOW.plus(Duration.ofHours(1));
    private static final Instant ENDS = STARTS.plus(Duration.ofDays(2));
    private static final Email ALICE = Email.of("alice@example.com");
    private static final Email BOB = Email.of("bob@example.com");
    private static final Email CAROL = Email.of("carol@example.com");

    private final InMemoryDelegations delegations = new InMemoryDelegations();
    private final DelegationMandates oneHop = new DelegationMandates(delegations, 1);
    private final DelegationMandates twoHops = new DelegationMandates(delegations, 2);

    private Delegation delegate(String id, Email from, Email to, Instant starts, Instant ends) {
        Delegation d = Delegation.create(id, from, to, starts, ends, null, "admin", NOW);
        delegations.add(d);
        return d;
    }

    @Test
    void aMandateHoldsFromTheStartUntilJustBeforeTheEnd() {
        // given
        delegate("d1", ALICE, BOB, STARTS, ENDS);

        // then
        assertThat(oneHop.mayActFor(BOB, ALICE, STARTS.minusMillis(1)))
                .as("before the start")
                .isFalse();
        assertThat(oneHop.mayActFor(BOB, ALICE, STARTS)).as("at the start").isTrue();
        assertThat(oneHop.mayActFor(BOB, ALICE, ENDS.minusMillis(1)))
                .as("just before the end")
                .isTrue();
        assertThat(oneHop.mayActFor(BOB, ALICE, ENDS)).as("at the end").isFalse();
        assertThat(oneHop.mayActFor(BOB, ALICE, ENDS.plus(Duration.ofDays(1))))
                .as("after the end")
                .isFalse();
        assertThat(oneHop.until(BOB, ALICE, STARTS)).contains(ENDS);
    }

    @Test
    void aMandateGoesOneWayOnly() {
        // given
        delegate("d1", ALICE, BOB, STARTS, ENDS);

        // then
        assertThat(oneHop.mayActFor(ALICE, BOB, STARTS)).isFalse();
        assertThat(oneHop.mayActFor(CAROL, ALICE, STARTS)).isFalse();
    }

    @Test
    void aRevokedDelegationGivesNoMandateFromTheMomentItIsRevoked() {
        // given
        Delegation d = delegate("d1", ALICE, BOB, STARTS, ENDS);
        Instant revokedAt = STARTS.plus(Duration.ofHours(5));

        // when
        delegations.add(d.revoke("alice@example.com", revokedAt));

        // then
        assertThat(oneHop.mayActFor(BOB, ALICE, revokedAt)).isFalse();
        assertThat(oneHop.proxiesFor(ALICE, revokedAt.plusSeconds(1))).isEmpty();
    }

    @Test
    void proxiesOfEachPrincipalAnswerAsAskingForEachInTurn() {
        // given: bob and carol act for alice, alice for bob; dave's starts later; carol has nobody
        Email dave = Email.of("dave@example.com");
        delegate("d1", ALICE, BOB, STARTS, ENDS);
        delegate("d2", ALICE, CAROL, STARTS, ENDS);
        delegate("d3", BOB, ALICE, STARTS, ENDS);
        delegate("d4", CAROL, dave, ENDS, ENDS.plus(Duration.ofDays(1)));

        // then
        for (DelegationMandates mandates : List.of(oneHop, twoHops)) {
            var each = mandates.proxiesOfEach(List.of(ALICE, BOB, CAROL), STARTS);
            assertThat(each).containsOnlyKeys(ALICE, BOB, CAROL);
            for (Email principal : List.of(ALICE, BOB, CAROL)) {
                assertThat(each.get(principal)).as(principal.value()).isEqualTo(mandates.proxiesFor(principal, STARTS));
            }
        }
        assertThat(oneHop.proxiesOfEach(List.of(ALICE, BOB, CAROL), STARTS))
                .containsEntry(ALICE, Set.of(BOB, CAROL))
                .containsEntry(BOB, Set.of(ALICE))
                .containsEntry(CAROL, Set.of());
        assertThat(twoHops.proxiesOfEach(List.of(BOB), STARTS)).containsEntry(BOB, Set.of(ALICE, CAROL));
    }

    @Test
    void proxiesAreEveryoneActiveAndNeverThePrincipal() {
        // given: bob and carol now, a future one for dave, and a chain back to alice
        delegate("d1", ALICE, BOB, STARTS, ENDS);
        delegate("d2", ALICE, CAROL, STARTS, ENDS);
        delegate("d3", ALICE, Email.of("dave@example.com"), ENDS, ENDS.plus(Duration.ofDays(1)));
        delegate("d4", BOB, ALICE, STARTS, ENDS);

        // then
        assertThat(oneHop.proxiesFor(ALICE, STARTS)).containsExactlyInAnyOrder(BOB, CAROL);
        assertThat(twoHops.proxiesFor(ALICE, STARTS)).containsExactlyInAnyOrder(BOB, CAROL);
        assertThat(oneHop.mayActFor(ALICE, ALICE, STARTS)).isFalse();
    }

    @Test
    void aChainReachesOneHopByDefault() {
        // given: alice -> bob -> carol
        delegate("d1", ALICE, BOB, STARTS, ENDS);
        delegate("d2", BOB, CAROL, STARTS, ENDS.plus(Duration.ofDays(1)));

        // then
        assertThat(oneHop.mayActFor(CAROL, ALICE, STARTS)).isFalse();
        assertThat(oneHop.proxiesFor(ALICE, STARTS)).containsExactly(BOB);
        assertThat(oneHop.mayActFor(CAROL, BOB, STARTS)).isTrue();
    }

    @Test
    void aChainReachesTwoHopsWhenConfiguredAndLastsAsLongAsItsShortestLink() {
        // given: alice -> bob until ENDS, bob -> carol a day longer
        delegate("d1", ALICE, BOB, STARTS, ENDS);
        delegate("d2", BOB, CAROL, STARTS, ENDS.plus(Duration.ofDays(1)));

        // then
        assertThat(twoHops.mayActFor(CAROL, ALICE, STARTS)).isTrue();
        assertThat(twoHops.proxiesFor(ALICE, STARTS)).containsExactlyInAnyOrder(BOB, CAROL);
        assertThat(twoHops.until(CAROL, ALICE, STARTS)).contains(ENDS);
        assertThat(twoHops.mayActFor(CAROL, ALICE, ENDS)).isFalse();
    }

    @Test
    void refusesFewerThanOneHop() {
        assertThatThrownBy(() -> new DelegationMandates(delegations, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void proxiesForSeveralPrincipalsAreTheirProxiesTogetherLessThePrincipalsThemselves() {
        // given: alice → bob, carol → dave, and bob → carol (bob is a principal and a proxy)
        Email dave = Email.of("dave@example.com");
        delegate("d1", ALICE, BOB, STARTS, ENDS);
        delegate("d2", CAROL, dave, STARTS, ENDS);
        delegate("d3", BOB, CAROL, STARTS, ENDS);

        // then
        assertThat(oneHop.proxiesForAny(List.of(ALICE, CAROL), STARTS)).containsExactlyInAnyOrder(BOB, dave);
        assertThat(oneHop.proxiesForAny(List.of(ALICE, BOB, CAROL), STARTS)).containsExactly(dave);
        assertThat(twoHops.proxiesForAny(List.of(ALICE), STARTS)).containsExactlyInAnyOrder(BOB, CAROL);
        assertThat(oneHop.proxiesForAny(List.of(ALICE, CAROL), STARTS.minusMillis(1)))
                .isEmpty();
        assertThat(oneHop.principalsFor(dave, STARTS)).containsExactly(CAROL);
    }
}
