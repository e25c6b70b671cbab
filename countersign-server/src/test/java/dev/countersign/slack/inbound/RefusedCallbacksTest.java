package dev.countersign.slack.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.approval.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class RefusedCallbacksTest {

    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final String ATTACKER = "203.0.113.7";
    private static final String SLACK = "54.174.31.12";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RefusedCallbacks refused = new RefusedCallbacks(3, WINDOW, clock, meters);

    private double count(String reason) {
        return meters.get(RefusedCallbacks.METER)
                .tag("reason", reason)
                .counter()
                .count();
    }

    @Test
    void anAddressIsSlowedDownAfterTheLimitUntilItsOldestRefusalLeavesTheWindow() {
        // given
        refused.refused(ATTACKER, "bad-signature");
        clock.advance(Duration.ofSeconds(10));
        refused.refused(ATTACKER, "bad-signature");
        assertThat(refused.slowedDown(ATTACKER)).isEmpty();
        refused.refused(ATTACKER, "missing-signature");

        // when / then
        assertThat(refused.slowedDown(ATTACKER)).contains(Duration.ofSeconds(50));
        clock.advance(Duration.ofSeconds(49));
        assertThat(refused.slowedDown(ATTACKER)).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(refused.slowedDown(ATTACKER)).isEmpty();
        assertThat(count("slowed-down")).isEqualTo(2);
        assertThat(count("bad-signature")).isEqualTo(2);
        assertThat(count("missing-signature")).isEqualTo(1);
    }

    @Test
    void othersRefusalsNeverSlowDownAnotherAddress() {
        // given
        for (int i = 0; i < 10; i++) {
            refused.refused(ATTACKER, "bad-signature");
        }

        // when / then
        assertThat(refused.slowedDown(ATTACKER)).isPresent();
        assertThat(refused.slowedDown(SLACK)).isEmpty();
    }

    @Test
    void anIpv6AttackerIsJudgedByItsWholeSlash64() {
        // given
        refused.refused("2001:db8:1:2::1", "bad-signature");
        refused.refused("2001:db8:1:2:aaaa::2", "bad-signature");
        refused.refused("2001:db8:1:2:ffff:ffff:ffff:ffff", "bad-signature");

        // when / then
        assertThat(refused.slowedDown("2001:db8:1:2::99")).isPresent();
        assertThat(refused.slowedDown("2001:db8:1:3::1")).isEmpty();
        assertThat(RefusedCallbacks.key("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0:0:0:0:0/64");
        assertThat(RefusedCallbacks.key("127.0.0.1")).isEqualTo("127.0.0.1");
    }

    @Test
    void manyAddressesAreForgottenOldestFirstSoMemoryStaysBounded() {
        // given: the first address is slowed down, then more addresses than are remembered are refused once
        for (int i = 0; i < 3; i++) {
            refused.refused(ATTACKER, "bad-signature");
        }
        assertThat(refused.slowedDown(ATTACKER)).isPresent();

        // when
        for (int i = 0; i < RefusedCallbacks.MAX_ADDRESSES; i++) {
            refused.refused("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255), "bad-signature");
        }

        // then
        assertThat(refused.slowedDown(ATTACKER)).isEmpty();
    }

    @Test
    void aLimitOfZeroSlowsNobodyDownButStillCounts() {
        // given
        var off = new RefusedCallbacks(0, WINDOW, clock, meters);

        // when
        for (int i = 0; i < 100; i++) {
            off.refused(ATTACKER, "bad-signature");
        }

        // then
        assertThat(off.slowedDown(ATTACKER)).isEmpty();
        assertThat(count("bad-signature")).isEqualTo(100);
    }

    @Test
    void aBurstOfRefusalsIsOneLineInTheLogEveryTenSeconds(CapturedOutput output) {
        // given: the first refusal is told at once
        refused.refused(ATTACKER, "bad-signature");
        assertThat(output.getOut()).containsOnlyOnce("Refused 1 callback(s) to /slack/events");

        // when: a burst from two addresses within the next ten seconds
        for (int i = 0; i < 500; i++) {
            refused.refused(i % 2 == 0 ? ATTACKER : SLACK, i % 5 == 0 ? "stale-timestamp" : "bad-signature");
        }
        clock.advance(Duration.ofSeconds(9));
        refused.reportIfDue();
        assertThat(output.getOut()).doesNotContain("Refused 500");

        // then: the housekeeping's next call sums it up, without a single secret or body in it
        clock.advance(Duration.ofSeconds(1));
        refused.reportIfDue();
        assertThat(output.getOut())
                .containsOnlyOnce("Refused 500 callback(s) to /slack/events in the last 10 s "
                        + "(bad-signature 400, stale-timestamp 100) from 2 address(es)");
        refused.reportIfDue();
        clock.advance(Duration.ofSeconds(30));
        refused.reportIfDue();
        assertThat(output.getOut().lines().filter(line -> line.contains("Refused ")))
                .hasSize(2);
    }
}
