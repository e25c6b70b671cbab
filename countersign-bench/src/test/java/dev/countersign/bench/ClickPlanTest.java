package dev.countersign.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.bench.ClickPlan.Slot;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClickPlanTest {

    @Test
    void everyApproverOfARequestClicksOnceARoundApart() {
        // when: 3 approvers per request, rounds of 4 requests, no double clicks
        ClickPlan plan = ClickPlan.of(24, 3, 4, 0, 1);

        // then: request 0's approvers click in slots 0, 4 and 8; two full rounds use 8 requests
        assertThat(plan.slots().subList(0, 12))
                .containsExactly(
                        new Slot(0, 0, false),
                        new Slot(1, 0, false),
                        new Slot(2, 0, false),
                        new Slot(3, 0, false),
                        new Slot(0, 1, false),
                        new Slot(1, 1, false),
                        new Slot(2, 1, false),
                        new Slot(3, 1, false),
                        new Slot(0, 2, false),
                        new Slot(1, 2, false),
                        new Slot(2, 2, false),
                        new Slot(3, 2, false));
        assertThat(plan.requests()).isEqualTo(8);
        assertThat(plan.firstClicks()).isEqualTo(24);
    }

    @Test
    void noDmIsClickedTwiceExceptByADoubleClick() {
        // when
        ClickPlan plan = ClickPlan.of(10_000, 3, 270, 10, 30);

        // then
        Set<Slot> firsts = new HashSet<>();
        for (Slot slot : plan.slots()) {
            if (!slot.repeat()) {
                assertThat(firsts.add(slot)).as("first click %s", slot).isTrue();
                assertThat(slot.approver()).isBetween(0, 2);
                assertThat(slot.request()).isBetween(0, plan.requests() - 1);
            }
        }
        // every 10th slot repeats, except the three in the first 30 slots, which have nothing 30 slots back
        assertThat(firsts).hasSize(9_003);
    }

    @Test
    void aDoubleClickRepeatsTheFirstClickItsGapEarlier() {
        // when: every 5th slot repeats the click 3 slots before it
        ClickPlan plan = ClickPlan.of(40, 2, 10, 5, 3);

        // then
        List<Slot> slots = plan.slots();
        assertThat(slots.stream().filter(Slot::repeat).count()).isEqualTo(8);
        for (int i = 0; i < slots.size(); i++) {
            Slot slot = slots.get(i);
            assertThat(slot.repeat()).isEqualTo(i % 5 == 4);
            if (slot.repeat()) {
                Slot earlier = slots.get(i - 3).repeat() ? slots.get(i - 4) : slots.get(i - 3);
                assertThat(earlier.repeat()).isFalse();
                assertThat(new Slot(earlier.request(), earlier.approver(), true))
                        .isEqualTo(slot);
            }
        }
    }

    @Test
    void aDoubleClickFollowsItsFirstClickEvenWhenTheGapLandsOnAnotherDoubleClick() {
        // when: every 2nd slot a repeat, 2 slots back (which is itself a repeat)
        ClickPlan plan = ClickPlan.of(8, 1, 100, 2, 2);

        // then: slot 3 repeats slot 1; slots 5 and 7 would land on repeats, so repeat slots 2 and 4
        assertThat(plan.slots())
                .containsExactly(
                        new Slot(0, 0, false),
                        new Slot(1, 0, false),
                        new Slot(2, 0, false),
                        new Slot(1, 0, true),
                        new Slot(3, 0, false),
                        new Slot(2, 0, true),
                        new Slot(4, 0, false),
                        new Slot(3, 0, true));
    }

    @Test
    void theDefaultShapeAsksForAboutAThirdAsManyRequestsAsFirstClicks() {
        // given: 300/s for 80 s, 3 approvers, 10% double clicks (what the clicks scenario runs by default)
        ClickAcks.Settings settings = new ClickAcks.Settings(
                300,
                java.time.Duration.ofSeconds(20),
                java.time.Duration.ofSeconds(60),
                3,
                0.1,
                1000,
                18090,
                "xoxb",
                "secret");

        // when
        ClickPlan plan = settings.plan();

        // then: 24,000 slots, every 10th a double click 100 ms (30 slots) after its first (so not in the first 30)
        assertThat(plan.slots()).hasSize(24_000);
        assertThat(plan.firstClicks()).isEqualTo(21_603);
        assertThat(plan.requests()).isBetween(7_200, 7_200 + 270);
        Map<Integer, Integer> clicksPerRequest = new HashMap<>();
        plan.slots().stream()
                .filter(s -> !s.repeat())
                .forEach(s -> clicksPerRequest.merge(s.request(), 1, Integer::sum));
        assertThat(clicksPerRequest.values()).allMatch(n -> n >= 1 && n <= 3);
    }

    @Test
    void refusesRepeatingEverySlot() {
        assertThatThrownBy(() -> ClickPlan.of(10, 3, 4, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
