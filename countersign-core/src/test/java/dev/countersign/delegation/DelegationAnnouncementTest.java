package dev.countersign.delegation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.approval.Email;
import dev.countersign.approval.MutableClock;
import dev.countersign.approval.Transactions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Each delegation's start and end reach the follow-ups exactly once, inside the transaction that records them. */
class DelegationAnnouncementTest {

    private static final Email BOB = Email.of("bob@example.com");
    private static final Email DAVE = Email.of("dave@example.com");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
    private final InMemoryDelegations delegations = new InMemoryDelegations();
    private final CountingTransactions transactions = new CountingTransactions();
    private final List<String> recorded = new ArrayList<>();
    private final DelegationFollowUps followUps = new DelegationFollowUps() {
        @Override
        public void record(DelegationStarted started) {
            recorded.add("started " + started.delegation().id() + (transactions.open ? " in tx" : " outside"));
        }

        @Override
        public void record(DelegationEnded ended) {
            recorded.add("ended " + ended.delegation().id() + (transactions.open ? " in tx" : " outside"));
        }
    };
    private final CreateDelegation create = new CreateDelegation(delegations, transactions, followUps, clock);
    private final RevokeDelegation revoke = new RevokeDelegation(delegations, transactions, followUps, clock);
    private final AnnounceDelegations sweep = new AnnounceDelegations(delegations, transactions, followUps);

    @Test
    void aDelegationThatStartsNowIsAnnouncedByItsCreationAndNeverAgain() {
        // given
        Delegation delegation =
                create.create(BOB, DAVE, null, clock.instant().plus(Duration.ofDays(2)), "leave", "bob@example.com");

        // when
        sweep.announceDue(clock.instant().plusSeconds(60));

        // then
        assertThat(recorded).containsExactly("started " + delegation.id() + " in tx");
    }

    @Test
    void aDelegationThatStartsLaterIsAnnouncedByTheFirstSweepAfterItsStartAndItsEndByTheFirstAfterItsEnd() {
        // given
        Instant starts = clock.instant().plus(Duration.ofHours(1));
        Delegation delegation =
                create.create(BOB, DAVE, starts, starts.plus(Duration.ofHours(2)), null, "bob@example.com");

        // when
        sweep.announceDue(starts.minusSeconds(1));
        List<String> beforeStart = List.copyOf(recorded);
        sweep.announceDue(starts);
        sweep.announceDue(starts.plusSeconds(30));
        sweep.announceDue(starts.plus(Duration.ofHours(2)));
        sweep.announceDue(starts.plus(Duration.ofHours(3)));

        // then
        assertThat(beforeStart).isEmpty();
        assertThat(recorded)
                .containsExactly("started " + delegation.id() + " in tx", "ended " + delegation.id() + " in tx");
    }

    @Test
    void aRevocationAnnouncesTheEndAtOnceSoTheSweepDoesNotAnnounceItAgain() {
        // given
        Delegation delegation =
                create.create(BOB, DAVE, null, clock.instant().plus(Duration.ofDays(2)), null, "bob@example.com");

        // when
        clock.advance(Duration.ofMinutes(5));
        revoke.revoke(delegation.id(), "bob@example.com");
        sweep.announceDue(clock.instant().plus(Duration.ofDays(3)));

        // then
        assertThat(recorded)
                .containsExactly("started " + delegation.id() + " in tx", "ended " + delegation.id() + " in tx");
    }

    private static final class CountingTransactions implements Transactions {

        private boolean open;

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            open = true;
            try {
                return work.get();
            } finally {
                open = false;
            }
        }
    }
}
