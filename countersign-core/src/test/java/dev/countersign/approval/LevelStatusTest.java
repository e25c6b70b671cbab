package dev.countersign.approval;

import static dev.countersign.approval.People.ALICE;
import static dev.countersign.approval.People.BOB;
import static dev.countersign.approval.People.CAROL;
import static dev.countersign.approval.People.DAVE;
import static dev.countersign.approval.SpecBuilder.aRequest;
import static dev.countersign.approval.Votes.VOTED_AT;
import static dev.countersign.approval.Votes.approve;
import static dev.countersign.approval.Votes.reject;
import static dev.countersign.approval.Votes.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Where each level of a three-level chain stands, derived from what happened to the request. */
class LevelStatusTest {

    static Stream<Arguments> histories() {
        Consumer<ApprovalRequest> levelOneApproved = r -> r.decide(approve(BOB), Mandates.NONE);
        Consumer<ApprovalRequest> levelTwoApproved =
                levelOneApproved.andThen(r -> r.decide(approve(CAROL), Mandates.NONE));
        return Stream.of(
                arguments("just submitted", (Consumer<ApprovalRequest>) r -> {}, new LevelStatus[] {
                    LevelStatus.PENDING, LevelStatus.WAITING, LevelStatus.WAITING
                }),
                arguments("level 1 approved", levelOneApproved, new LevelStatus[] {
                    LevelStatus.APPROVED, LevelStatus.PENDING, LevelStatus.WAITING
                }),
                arguments(
                        "all approved",
                        levelTwoApproved.andThen(r -> r.decide(approve(DAVE), Mandates.NONE)),
                        new LevelStatus[] {LevelStatus.APPROVED, LevelStatus.APPROVED, LevelStatus.APPROVED}),
                arguments(
                        "rejected on level 1",
                        (Consumer<ApprovalRequest>) r -> r.decide(reject(BOB, "no"), Mandates.NONE),
                        new LevelStatus[] {LevelStatus.REJECTED, LevelStatus.CLOSED, LevelStatus.CLOSED}),
                arguments(
                        "rejected on level 2",
                        levelOneApproved.andThen(r -> r.decide(reject(CAROL, "no"), Mandates.NONE)),
                        new LevelStatus[] {LevelStatus.APPROVED, LevelStatus.REJECTED, LevelStatus.CLOSED}),
                arguments(
                        "cancelled on level 1",
                        (Consumer<ApprovalRequest>) r -> r.cancel(Actor.person(ALICE), null, Via.API, VOTED_AT),
                        new LevelStatus[] {LevelStatus.CLOSED, LevelStatus.CLOSED, LevelStatus.CLOSED}),
                arguments("expired on level 3", levelTwoApproved.andThen(r -> r.expire(VOTED_AT)), new LevelStatus[] {
                    LevelStatus.APPROVED, LevelStatus.APPROVED, LevelStatus.CLOSED
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("histories")
    void levelStatusFollowsFromWhatHappened(
            String history, Consumer<ApprovalRequest> happened, LevelStatus[] expected) {
        // given
        ApprovalRequest request = submitted(
                aRequest().level(1, BOB).level(1, CAROL).level(1, DAVE).expiresAfter(Duration.ofMinutes(5)));

        // when
        happened.accept(request);

        // then
        assertThat(new LevelStatus[] {request.levelStatus(1), request.levelStatus(2), request.levelStatus(3)})
                .containsExactly(expected);
    }
}
