package dev.countersign.approval;

import static dev.countersign.approval.People.ALICE;
import static dev.countersign.approval.People.BOB;
import static dev.countersign.approval.People.CAROL;
import static dev.countersign.approval.People.DAVE;
import static dev.countersign.approval.People.ERIN;
import static dev.countersign.approval.SpecBuilder.aRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What {@link RequestSpec#validate()} refuses, and that it says what to fix. */
class RequestSpecValidationTest {

    private static final String UNCOUNTABLE =
            " of its approvers can be counted for certain (the requester never counts, and "
                    + "one person's decision counts for one level only)";

    private static SpecBuilder valid() {
        return aRequest().level(1, BOB, CAROL).levelOfAll(DAVE).executors(ERIN);
    }

    private static Arguments refused(String problem, UnaryOperator<SpecBuilder> change, String message) {
        return arguments(problem, change, message);
    }

    static Stream<Arguments> singleProblems() {
        return Stream.of(
                refused("type with capitals", s -> s.type("Deploy"), "type must match [a-z0-9-]{1,64}, was 'Deploy'"),
                refused("type missing", s -> s.type(null), "type must match [a-z0-9-]{1,64}, was nothing"),
                refused(
                        "type too long",
                        s -> s.type("x".repeat(65)),
                        "type must match [a-z0-9-]{1,64}, was '" + "x".repeat(65) + "'"),
                refused("title blank", s -> s.title("  "), "title is required"),
                refused("title missing", s -> s.title(null), "title is required"),
                refused("title too long", s -> s.title("t".repeat(201)), "title must be at most 200 characters"),
                refused(
                        "description too long",
                        s -> s.description("d".repeat(10_001)),
                        "description must be at most 10000 characters"),
                refused("too many fields", s -> s.fields(fields(51)), "at most 50 fields are allowed"),
                refused("blank field name", s -> s.field(" ", "x"), "field names must be 1 to 64 characters, was ' '"),
                refused(
                        "field without value",
                        s -> s.field("env", null),
                        "field 'env' needs a value of at most 2000 characters"),
                refused(
                        "field value too long",
                        s -> s.field("env", "v".repeat(2_001)),
                        "field 'env' needs a value of at most 2000 characters"),
                refused("requester missing", s -> s.requester(null), "requester (an email address) is required"),
                refused("no levels", s -> aRequest(), "levels must hold 1 to 20 levels, had 0"),
                refused("21 levels", s -> levels(21), "levels must hold 1 to 20 levels, had 21"),
                refused("level without approvers", s -> s.level(1), "level 3 must have 1 to 50 approvers"),
                refused(
                        "51 approvers on a level",
                        s -> s.level(1, approvers(51).toArray(Email[]::new)),
                        "level 3 must have 1 to 50 approvers"),
                refused(
                        "approver listed twice",
                        s -> aRequest().level(1, BOB, CAROL, BOB),
                        "level 1 lists an approver more than once"),
                refused(
                        "level without a rule",
                        s -> s.level(new ApprovalLevel(List.of(ERIN), null)),
                        "level 3 needs a rule: required is a number or \"all\""),
                refused(
                        "quorum above the number of approvers",
                        s -> aRequest().level(3, BOB, CAROL),
                        "level 1 requires 3 approvals but lists only 2 approver(s)"),
                refused("51 executors", s -> s.executors(approvers(51)), "at most 50 executors are allowed"),
                refused("executor listed twice", s -> s.executors(ERIN, ERIN), "executors are listed more than once"),
                refused(
                        "blank channel",
                        s -> s.channel(" "),
                        "channel must be a Slack channel name or id of at most 80 characters"),
                refused(
                        "channel too long",
                        s -> s.channel("c".repeat(81)),
                        "channel must be a Slack channel name or id of at most 80 characters"),
                refused(
                        "zero expiry",
                        s -> s.expiresAfter(Duration.ZERO),
                        "expiresAfter must be a positive duration of at most 365 days, e.g. PT24H"),
                refused(
                        "negative expiry",
                        s -> s.expiresAfter(Duration.ofHours(-1)),
                        "expiresAfter must be a positive duration of at most 365 days, e.g. PT24H"),
                refused(
                        "expiry over a year",
                        s -> s.expiresAfter(Duration.ofDays(366)),
                        "expiresAfter must be a positive duration of at most 365 days, e.g. PT24H"),
                refused(
                        "callback not http",
                        s -> s.callbackUrl("ftp://example.com/done"),
                        "callbackUrl must be an absolute http(s) URL"),
                refused(
                        "callback relative",
                        s -> s.callbackUrl("/hooks/done"),
                        "callbackUrl must be an absolute http(s) URL"),
                refused(
                        "callback malformed",
                        s -> s.callbackUrl("https://exa mple.com/"),
                        "callbackUrl must be an absolute http(s) URL"),
                refused(
                        "quorum larger than the approvers that can count",
                        s -> aRequest().level(2, ALICE, BOB),
                        "level 1 requires 2 approval(s) but only 1" + UNCOUNTABLE),
                refused(
                        "only approver is the requester",
                        s -> aRequest().level(1, ALICE),
                        "level 1 requires 1 approval(s) but only 0" + UNCOUNTABLE),
                refused(
                        "all-level of the requester alone",
                        s -> aRequest().levelOfAll(ALICE),
                        "level 1 requires all approval(s) but only 0" + UNCOUNTABLE),
                refused(
                        "person on two levels makes the later quorum impossible",
                        s -> aRequest().level(1, BOB).level(2, BOB, CAROL),
                        "level 2 requires 2 approval(s) but only 1" + UNCOUNTABLE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleProblems")
    void refusesWithAMessageThatSaysWhatToFix(String problem, UnaryOperator<SpecBuilder> change, String message) {
        // given
        RequestSpec spec = change.apply(valid()).build();

        // when
        InvalidApprovalRequest refusal = catchThrowableOfType(InvalidApprovalRequest.class, spec::validate);

        // then
        assertThat(refusal).as("refusal of " + problem).isNotNull();
        assertThat(refusal.problems()).containsExactly(message);
        assertThat(refusal).hasMessage(message);
    }

    @Test
    void acceptsAValidRequest() {
        // given
        RequestSpec spec = valid().field("env", "prod")
                .description("api v2.3")
                .channel("#deploys")
                .expiresAfter(Duration.ofDays(365))
                .callbackUrl("https://ci.example.com/hooks/42")
                .build();

        // when / then
        assertThat(spec.validate()).isSameAs(spec);
    }

    @Test
    void acceptsAPersonOnTwoLevelsWhenTheLaterLevelCanStillBeSatisfied() {
        // given: if Bob approves level 1, Dave is still there for level 2
        RequestSpec spec = aRequest().level(1, BOB, CAROL).level(1, BOB, DAVE).build();

        // when / then
        assertThat(spec.validate()).isSameAs(spec);
    }

    @Test
    void acceptsLevelsSharingTheirApproversWhenAnEarlierQuorumUsesUpOnlyPartOfThem() {
        // given: level 1 takes one of Bob and Carol; whoever it is, the other is left for level 2
        RequestSpec sameTwice =
                aRequest().level(1, BOB, CAROL).level(1, BOB, CAROL).build();
        // given: level 1 takes one of Bob and Carol; level 2 still has two of its three
        RequestSpec widerLater =
                aRequest().level(1, BOB, CAROL).level(2, BOB, CAROL, DAVE).build();

        // when / then
        assertThat(sameTwice.validate()).isSameAs(sameTwice);
        assertThat(widerLater.validate()).isSameAs(widerLater);
    }

    @Test
    void refusesALaterLevelThatAnEarlierAllLevelCanUseUp() {
        // given: level 1 needs both Bob and Carol, leaving nobody for level 2
        RequestSpec spec =
                aRequest().levelOfAll(BOB, CAROL).level(1, BOB, CAROL).build();

        // when / then
        assertThatThrownBy(spec::validate)
                .isInstanceOf(InvalidApprovalRequest.class)
                .hasMessage("level 2 requires 1 approval(s) but only 0" + UNCOUNTABLE);
    }

    @Test
    void acceptsTheRequesterOnALevelWhenOthersCanSatisfyIt() {
        // given
        RequestSpec spec =
                aRequest().levelOfAll(ALICE, BOB).level(1, ALICE, CAROL).build();

        // when / then
        assertThat(spec.validate()).isSameAs(spec);
    }

    @Test
    void reportsSeveralProblemsTogether() {
        // given
        RequestSpec spec = aRequest()
                .type("Deploy!")
                .title("")
                .requester(null)
                .expiresAfter(Duration.ZERO)
                .build();

        // when
        InvalidApprovalRequest refusal = catchThrowableOfType(InvalidApprovalRequest.class, spec::validate);

        // then
        assertThat(refusal.problems())
                .containsExactly(
                        "type must match [a-z0-9-]{1,64}, was 'Deploy!'",
                        "title is required",
                        "requester (an email address) is required",
                        "levels must hold 1 to 20 levels, had 0",
                        "expiresAfter must be a positive duration of at most 365 days, e.g. PT24H");
        assertThat(refusal.getMessage()).isEqualTo(String.join("; ", refusal.problems()));
    }

    @Test
    void submittingAnInvalidRequestIsRefused() {
        // given
        RequestSpec spec = aRequest().level(1, ALICE).build();

        // when / then
        assertThatThrownBy(() -> ApprovalRequest.submit(RequestId.random(), spec, Via.API, Votes.SUBMITTED_AT))
                .isExactlyInstanceOf(InvalidApprovalRequest.class);
    }

    @Test
    void quorumBelowOneIsRefused() {
        // when / then
        assertThatThrownBy(() -> Required.atLeast(0))
                .isExactlyInstanceOf(InvalidApprovalRequest.class)
                .hasMessage("required must be at least 1, was 0");
    }

    @Test
    void malformedEmailIsRefusedAndSaysWhy() {
        // when / then
        assertThatThrownBy(() -> Email.of("bob at example.com"))
                .isExactlyInstanceOf(InvalidApprovalRequest.class)
                .hasMessage("'bob at example.com' is not an email address");
    }

    private static Map<String, String> fields(int count) {
        Map<String, String> fields = new LinkedHashMap<>();
        IntStream.range(0, count).forEach(i -> fields.put("field-" + i, "value"));
        return fields;
    }

    private static List<Email> approvers(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> Email.of("approver" + i + "@example.com"))
                .toList();
    }

    private static SpecBuilder levels(int count) {
        SpecBuilder spec = aRequest();
        approvers(count).forEach(approver -> spec.level(1, approver));
        return spec;
    }
}
