package dev.countersign.delegation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.approval.Email;
import dev.countersign.approval.InvalidApprovalRequest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The rules a delegation is created and revoked by, and where it stands at each moment of its window. */
class DelegationTest {

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    private static final Email ALICE = Email.of("alice@example.com");
    private static final Email BOB = Email.of("bob@example.com");

    private static Delegation create(Instant starts, Instant ends) {
        return Delegation.create("d1", ALICE, BOB, starts, ends, "holiday", "alice@example.com", NOW);
    }

    @Test
    void startsNowWhenNoStartIsGiven() {
        // when
        Delegation d = create(null, NOW.plus(Duration.ofDays(3)));

        // then
        assertThat(d.startsAt()).isEqualTo(NOW);
        assertThat(d.status(NOW)).isEqualTo(DelegationStatus.ACTIVE);
        assertThat(d.reason()).isEqualTo("holiday");
    }

    @Test
    void refusesDelegatingToOneself() {
        assertThatThrownBy(() -> Delegation.create(
                        "d1", ALICE, Email.of("ALICE@example.com"), null, NOW.plusSeconds(60), null, "admin", NOW))
                .isInstanceOf(InvalidDelegation.class)
                .hasMessageContaining("same person");
    }

    @Test
    void refusesAnEndThatIsNotAfterTheStart() {
        assertThatThrownBy(() -> create(NOW.plusSeconds(3600), NOW.plusSeconds(3600)))
                .isInstanceOf(InvalidDelegation.class)
                .hasMessageContaining("must be after startsAt");
    }

    @Test
    void refusesAnEndInThePast() {
        assertThatThrownBy(() -> create(NOW.minusSeconds(7200), NOW.minusSeconds(60)))
                .isInstanceOf(InvalidDelegation.class)
                .hasMessageContaining("in the past");
    }

    @Test
    void refusesAMissingEnd() {
        assertThatThrownBy(() -> create(null, null))
                .isInstanceOf(InvalidDelegation.class)
                .hasMessageContaining("endsAt is required");
    }

    @Test
    void refusesSomethingThatIsNotAnEmail() {
        assertThatThrownBy(() ->
                        Delegation.create("d1", ALICE, Email.of("bob"), null, NOW.plusSeconds(60), null, "admin", NOW))
                .isInstanceOf(InvalidApprovalRequest.class)
                .hasMessageContaining("not an email address");
    }

    @Test
    void isScheduledThenActiveFromItsStartUntilJustBeforeItsEnd() {
        // given
        Instant starts = NOW.plusSeconds(3600);
        Instant ends = starts.plus(Duration.ofDays(1));
        Delegation d = create(starts, ends);

        // then
        assertThat(d.status(starts.minusNanos(1000))).isEqualTo(DelegationStatus.SCHEDULED);
        assertThat(d.activeAt(starts.minusNanos(1000))).isFalse();
        assertThat(d.status(starts)).isEqualTo(DelegationStatus.ACTIVE);
        assertThat(d.activeAt(starts)).isTrue();
        assertThat(d.activeAt(ends.minusNanos(1000))).isTrue();
        assertThat(d.status(ends)).isEqualTo(DelegationStatus.ENDED);
        assertThat(d.activeAt(ends)).isFalse();
    }

    @Test
    void isRevokedFromTheMomentOfRevocation() {
        // given
        Delegation d = create(null, NOW.plus(Duration.ofDays(3)));

        // when
        Delegation revoked = d.revoke("alice@example.com", NOW.plusSeconds(600));

        // then
        assertThat(revoked.activeAt(NOW.plusSeconds(599))).isTrue();
        assertThat(revoked.activeAt(NOW.plusSeconds(600))).isFalse();
        assertThat(revoked.status(NOW.plusSeconds(600))).isEqualTo(DelegationStatus.REVOKED);
        assertThat(revoked.revokedBy()).isEqualTo("alice@example.com");
        assertThat(revoked.effectiveEnd()).isEqualTo(NOW.plusSeconds(600));
    }

    @Test
    void refusesRevokingTwiceOrAfterTheEnd() {
        // given
        Delegation d = create(null, NOW.plus(Duration.ofDays(1)));
        Delegation revoked = d.revoke("admin", NOW.plusSeconds(1));

        // then
        assertThatThrownBy(() -> revoked.revoke("admin", NOW.plusSeconds(2)))
                .isInstanceOf(DelegationConflict.class)
                .hasMessageContaining("already revoked");
        assertThatThrownBy(() -> d.revoke("admin", NOW.plus(Duration.ofDays(2))))
                .isInstanceOf(DelegationConflict.class)
                .hasMessageContaining("already ended");
    }
}
