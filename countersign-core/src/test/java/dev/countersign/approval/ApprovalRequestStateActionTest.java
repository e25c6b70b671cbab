package dev.countersign.approval;

import static dev.countersign.approval.People.ALICE;
import static dev.countersign.approval.People.BOB;
import static dev.countersign.approval.People.CAROL;
import static dev.countersign.approval.People.ERIN;
import static dev.countersign.approval.People.FRANK;
import static dev.countersign.approval.People.MALLORY;
import static dev.countersign.approval.SpecBuilder.aRequest;
import static dev.countersign.approval.Votes.SUBMITTED_AT;
import static dev.countersign.approval.Votes.approve;
import static dev.countersign.approval.Votes.reject;
import static dev.countersign.approval.Votes.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.countersign.approval.ApprovalEvent.ExecutionRecorded;
import dev.countersign.approval.ApprovalEvent.RequestApproved;
import dev.countersign.approval.ApprovalEvent.RequestCancelled;
import dev.countersign.approval.ApprovalEvent.RequestExpired;
import dev.countersign.approval.ApprovalEvent.RequestRejected;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every action in every state of a request, each state reached through the real transitions. The request: Alice
 * asks, Bob or Carol (1 of 2) approves, Erin runs the work, it expires after a day.
 */
class ApprovalRequestStateActionTest {

    private static final Instant AFTER_EXPIRY = SUBMITTED_AT.plus(Duration.ofHours(25));

    private static SpecBuilder deploy() {
        return aRequest().level(1, BOB, CAROL).executors(ERIN).expiresAfter(Duration.ofHours(24));
    }

    enum State {
        PENDING_STANDARD(() -> submitted(deploy())),
        PENDING_URGENT(() -> submitted(deploy().urgent())),
        APPROVED(() -> after(deploy(), r -> r.decide(approve(BOB), Mandates.NONE))),
        REJECTED(() -> after(deploy(), r -> r.decide(reject(BOB, "not during the freeze"), Mandates.NONE))),
        EXPIRED(() -> after(deploy(), r -> r.expire(AFTER_EXPIRY))),
        CANCELLED(() -> after(deploy(), r -> r.cancel(Actor.person(ALICE), "wrong build", Via.API, AFTER_EXPIRY)));

        private final Supplier<ApprovalRequest> reach;

        State(Supplier<ApprovalRequest> reach) {
            this.reach = reach;
        }

        ApprovalRequest reach() {
            return reach.get();
        }

        private static ApprovalRequest after(SpecBuilder spec, Function<ApprovalRequest, List<ApprovalEvent>> step) {
            ApprovalRequest request = submitted(spec);
            step.apply(request);
            return request;
        }
    }

    enum Action {
        APPROVE_BY_CURRENT_LEVEL_APPROVER(r -> r.decide(approve(CAROL), Mandates.NONE)),
        REJECT_WITH_REASON(r -> r.decide(reject(CAROL, "tests are red"), Mandates.NONE)),
        REJECT_WITHOUT_REASON(r -> r.decide(reject(CAROL, "  "), Mandates.NONE)),
        CANCEL_BY_REQUESTER(r -> r.cancel(Actor.person(ALICE), null, Via.API, AFTER_EXPIRY)),
        CANCEL_BY_STRANGER(r -> r.cancel(Actor.person(MALLORY), null, Via.API, AFTER_EXPIRY)),
        CANCEL_BY_ADMINISTRATOR(r -> r.cancel(Actor.administrator("api-token"), null, Via.API, AFTER_EXPIRY)),
        EXPIRE(r -> r.expire(AFTER_EXPIRY)),
        RECORD_EXECUTION_BY_EXECUTOR(r -> r.recordExecution(ERIN, Via.API, AFTER_EXPIRY)),
        RECORD_EXECUTION_BY_NON_EXECUTOR(r -> r.recordExecution(FRANK, Via.API, AFTER_EXPIRY));

        private final Function<ApprovalRequest, List<ApprovalEvent>> transition;

        Action(Function<ApprovalRequest, List<ApprovalEvent>> transition) {
            this.transition = transition;
        }

        List<ApprovalEvent> applyTo(ApprovalRequest request) {
            return transition.apply(request);
        }
    }

    sealed interface Outcome {}

    /** The action is taken: the request is now in {@code status}, and {@code event} says so. */
    record Becomes(Status status, Class<? extends ApprovalEvent> event) implements Outcome {
        @Override
        public String toString() {
            return status + " (" + event.getSimpleName() + ")";
        }
    }

    /** The action is refused with exactly this exception, and the request is left as it was. */
    record Refused(Class<? extends ApprovalException> exception) implements Outcome {
        @Override
        public String toString() {
            return exception.getSimpleName();
        }
    }

    private static final Outcome CONFLICT = new Refused(RequestStateConflict.class);
    private static final Outcome NOT_ALLOWED = new Refused(DecisionNotAllowed.class);
    private static final Outcome INVALID = new Refused(InvalidApprovalRequest.class);

    static Stream<Arguments> table() {
        return Stream.of(
                        row(
                                State.PENDING_STANDARD,
                                new Becomes(Status.APPROVED, RequestApproved.class),
                                new Becomes(Status.REJECTED, RequestRejected.class),
                                INVALID,
                                new Becomes(Status.CANCELLED, RequestCancelled.class),
                                NOT_ALLOWED,
                                new Becomes(Status.CANCELLED, RequestCancelled.class),
                                new Becomes(Status.EXPIRED, RequestExpired.class),
                                CONFLICT, // not executable until approved
                                NOT_ALLOWED),
                        row(
                                State.PENDING_URGENT,
                                new Becomes(Status.APPROVED, RequestApproved.class),
                                INVALID, // urgent requests cannot be rejected
                                INVALID,
                                new Becomes(Status.CANCELLED, RequestCancelled.class),
                                NOT_ALLOWED,
                                new Becomes(Status.CANCELLED, RequestCancelled.class),
                                new Becomes(Status.EXPIRED, RequestExpired.class),
                                new Becomes(Status.PENDING, ExecutionRecorded.class),
                                NOT_ALLOWED),
                        row(
                                State.APPROVED,
                                CONFLICT,
                                CONFLICT,
                                CONFLICT,
                                CONFLICT,
                                CONFLICT,
                                CONFLICT,
                                CONFLICT,
                                new Becomes(Status.APPROVED, ExecutionRecorded.class),
                                NOT_ALLOWED),
                        row(
                                State.REJECTED,
                                CONFLICT,
                                CONFLICT,
                                CONFLICT,
                                CONFLICT,
                                CONFLICT,
                                CONFLICT,
                                CONFLICT,
                                CONFLICT,
                                NOT_ALLOWED),
                        row(
                                State.EXPIRED,
                                CONFLICT,
                                CONFLICT,
                                CONFLICT,
                                CONFLICT,
                                CONFLICT,
                                CONFLICT,
                                CONFLICT,
                                CONFLICT,
                                NOT_ALLOWED),
                        row(
                                State.CANCELLED,
                                CONFLICT,
                                CONFLICT,
                                CONFLICT,
                                CONFLICT,
                                CONFLICT,
                                CONFLICT,
                                CONFLICT,
                                CONFLICT,
                                NOT_ALLOWED))
                .flatMap(Function.identity());
    }

    /** One line of the table: the outcomes in the order the actions are declared. */
    private static Stream<Arguments> row(State state, Outcome... outcomes) {
        Action[] actions = Action.values();
        if (outcomes.length != actions.length) {
            throw new IllegalArgumentException(
                    state + " lists " + outcomes.length + " outcomes for " + actions.length + " actions");
        }
        return Arrays.stream(actions).map(action -> arguments(state, action, outcomes[action.ordinal()]));
    }

    @ParameterizedTest(name = "{0} × {1} → {2}")
    @MethodSource("table")
    void everyActionInEveryStateHasOneDefinedOutcome(State state, Action action, Outcome outcome) {
        // given
        ApprovalRequest request = state.reach();
        Snapshot before = Snapshot.of(request);

        switch (outcome) {
            case Becomes(Status status, Class<? extends ApprovalEvent> event) -> {
                // when
                List<ApprovalEvent> events = action.applyTo(request);

                // then
                assertThat(request.status()).isEqualTo(status);
                assertThat(events)
                        .hasAtLeastOneElementOfType(event)
                        .allMatch(e -> e.requestId().equals(request.id()));
            }
            case Refused(Class<? extends ApprovalException> exception) -> {
                // when
                Throwable thrown = catchThrowable(() -> action.applyTo(request));

                // then
                assertThat(thrown).isExactlyInstanceOf(exception).hasMessageNotContaining("null");
                assertThat(Snapshot.of(request)).isEqualTo(before);
                if (exception == RequestStateConflict.class && before.status().isTerminal()) {
                    assertThat(thrown)
                            .hasMessageContaining(
                                    "the request is " + before.status().name().toLowerCase());
                }
            }
        }
    }

    @Test
    void tableCoversEveryStateAndActionExactlyOnce() {
        // given
        Set<List<Object>> expected = Arrays.stream(State.values())
                .flatMap(s -> Arrays.stream(Action.values()).map(a -> List.<Object>of(s, a)))
                .collect(Collectors.toSet());

        // when
        List<List<Object>> covered =
                table().map(args -> List.of(args.get()[0], args.get()[1])).toList();

        // then
        assertThat(covered).doesNotHaveDuplicates();
        assertThat(new HashSet<>(covered)).isEqualTo(expected);
    }

    @Test
    void statesAreReachedThroughTheRealTransitions() {
        // when / then: each state is what its name says, and only the urgent and approved ones may run the work
        for (State state : State.values()) {
            ApprovalRequest request = state.reach();
            Status expected = switch (state) {
                case PENDING_STANDARD, PENDING_URGENT -> Status.PENDING;
                case APPROVED -> Status.APPROVED;
                case REJECTED -> Status.REJECTED;
                case EXPIRED -> Status.EXPIRED;
                case CANCELLED -> Status.CANCELLED;
            };
            assertThat(request.status()).as(state.name()).isEqualTo(expected);
            assertThat(request.executable())
                    .as(state.name())
                    .isEqualTo(state == State.PENDING_URGENT || state == State.APPROVED);
        }
    }

    /** What a refused action must leave untouched. */
    private record Snapshot(
            Status status,
            Integer currentLevel,
            boolean executable,
            List<Decision> decisions,
            Execution execution,
            Instant decidedAt) {
        static Snapshot of(ApprovalRequest request) {
            return new Snapshot(
                    request.status(),
                    request.currentLevel(),
                    request.executable(),
                    request.decisions(),
                    request.execution(),
                    request.decidedAt());
        }
    }
}
