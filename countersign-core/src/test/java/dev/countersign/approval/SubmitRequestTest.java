package dev.countersign.approval;

import static dev.countersign.approval.People.ALICE;
import static dev.countersign.approval.People.BOB;
import static dev.countersign.approval.People.CAROL;
import static dev.countersign.approval.People.DAVE;
import static dev.countersign.approval.SpecBuilder.aRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Submitting requests, at most once per idempotency key. */
class SubmitRequestTest {

    private final InMemoryApprovalCore core = new InMemoryApprovalCore();

    private static RequestSpec deploy() {
        return aRequest()
                .level(1, BOB, CAROL)
                .field("service", "api")
                .field("version", "2.3")
                .build();
    }

    @Test
    void submissionStoresAuditsAndPublishesTheNewRequest() {
        // when
        var submitted = core.submit.submit(deploy(), null, Via.API, Credential.admin());

        // then
        ApprovalRequest request = submitted.request();
        assertThat(submitted.created()).isTrue();
        assertThat(core.stored(request.id()).status()).isEqualTo(Status.PENDING);
        assertThat(request.createdAt()).isEqualTo(InMemoryApprovalCore.START.truncatedTo(ChronoUnit.MICROS));
        assertThat(core.audit.actionsOf(request.id())).containsExactly("request-submitted");
        assertThat(core.announcements.publications()).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo(request.id());
            assertThat(p.actions()).containsExactly("request-submitted");
        });
    }

    @Test
    void theChangeIsAnnouncedInsideItsTransactionSoThatARollbackAnnouncesNothing() {
        // when
        core.submit.submit(deploy(), IdempotencyKey.of("build-1", deploy()), Via.API, Credential.admin());

        // then
        assertThat(core.announcements.publications())
                .singleElement()
                .extracting(RecordingAnnouncements.Publication::insideTransaction)
                .isEqualTo(true);
    }

    @Test
    void sameKeyAndSameRequestReturnTheExistingRequest() {
        // given
        var first = core.submit.submit(deploy(), IdempotencyKey.of("build-1", deploy()), Via.API, Credential.admin());

        // when
        var again = core.submit.submit(deploy(), IdempotencyKey.of("build-1", deploy()), Via.API, Credential.admin());

        // then
        assertThat(again.created()).isFalse();
        assertThat(again.request().id()).isEqualTo(first.request().id());
        assertThat(core.requests.size()).isEqualTo(1);
        assertThat(core.audit.actionsOf(first.request().id())).containsExactly("request-submitted");
        assertThat(core.announcements.publications()).hasSize(1);
    }

    @Test
    void sameKeyWithAnotherRequestIsAConflict() {
        // given
        var first = core.submit.submit(deploy(), IdempotencyKey.of("build-1", deploy()), Via.API, Credential.admin());
        RequestSpec other = aRequest()
                .level(1, BOB, CAROL)
                .field("service", "api")
                .field("version", "2.4")
                .build();

        // when / then
        assertThatThrownBy(() ->
                        core.submit.submit(other, IdempotencyKey.of("build-1", other), Via.API, Credential.admin()))
                .isExactlyInstanceOf(RequestStateConflict.class)
                .hasMessageContaining("Idempotency-Key 'build-1' was already used for a different request ("
                        + first.request().id() + ")");
        assertThat(core.requests.size()).isEqualTo(1);
    }

    @Test
    void fieldOrderAndEmailCaseDoNotMakeAnotherRequest() {
        // given
        var first = core.submit.submit(deploy(), IdempotencyKey.of("build-1", deploy()), Via.API, Credential.admin());
        Map<String, String> reordered = new LinkedHashMap<>();
        reordered.put("version", "2.3");
        reordered.put("service", "api");
        RequestSpec sameAsUnderstood = aRequest()
                .requester(Email.of("ALICE@example.com"))
                .level(1, Email.of("Bob@Example.com"), CAROL)
                .fields(reordered)
                .build();

        // when
        var again = core.submit.submit(
                sameAsUnderstood, IdempotencyKey.of("build-1", sameAsUnderstood), Via.API, Credential.admin());

        // then
        assertThat(again.created()).isFalse();
        assertThat(again.request().id()).isEqualTo(first.request().id());
    }

    @Test
    void requestsWithoutAKeyAreAlwaysNew() {
        // when
        var first = core.submit.submit(deploy(), null, Via.API, Credential.admin());
        var second = core.submit.submit(deploy(), null, Via.API, Credential.admin());

        // then
        assertThat(second.created()).isTrue();
        assertThat(second.request().id()).isNotEqualTo(first.request().id());
        assertThat(core.requests.size()).isEqualTo(2);
    }

    @Test
    void concurrentRetryWithTheSameKeyEndsInOneRequest() {
        // given: the other retry stores its request between this one's lookup and its insert
        var winner = new SubmitRequest.Submitted[1];
        core.requests.beforeNextAdd(() -> winner[0] =
                core.submit.submit(deploy(), IdempotencyKey.of("build-1", deploy()), Via.API, Credential.admin()));

        // when
        var loser = core.submit.submit(deploy(), IdempotencyKey.of("build-1", deploy()), Via.API, Credential.admin());

        // then
        assertThat(loser.created()).isFalse();
        assertThat(loser.request().id()).isEqualTo(winner[0].request().id());
        assertThat(core.requests.size()).isEqualTo(1);
        assertThat(core.announcements.publications())
                .singleElement()
                .extracting(RecordingAnnouncements.Publication::id)
                .isEqualTo(winner[0].request().id());
    }

    @Test
    void concurrentSubmissionOfAnotherRequestUnderTheSameKeyIsAConflict() {
        // given
        RequestSpec other = aRequest().level(1, DAVE).build();
        core.requests.beforeNextAdd(
                () -> core.submit.submit(other, IdempotencyKey.of("build-1", other), Via.API, Credential.admin()));

        // when / then
        assertThatThrownBy(() -> core.submit.submit(
                        deploy(), IdempotencyKey.of("build-1", deploy()), Via.API, Credential.admin()))
                .isExactlyInstanceOf(RequestStateConflict.class);
        assertThat(core.requests.size()).isEqualTo(1);
    }

    @Test
    void invalidRequestIsNeitherStoredNorPublished() {
        // given
        RequestSpec selfApproved = aRequest().level(1, ALICE).build();

        // when / then
        assertThatThrownBy(() -> core.submit.submit(
                        selfApproved, IdempotencyKey.of("k", selfApproved), Via.API, Credential.admin()))
                .isExactlyInstanceOf(InvalidApprovalRequest.class);
        assertThat(core.requests.size()).isZero();
        assertThat(core.requests.findByIdempotencyKey("k")).isEmpty();
        assertThat(core.announcements.publications()).isEmpty();
    }

    @Test
    void differentKeysForTheSameRequestMakeTwoRequests() {
        // when
        var first = core.submit.submit(deploy(), IdempotencyKey.of("build-1", deploy()), Via.API, Credential.admin());
        var second = core.submit.submit(deploy(), IdempotencyKey.of("build-2", deploy()), Via.API, Credential.admin());

        // then
        assertThat(second.created()).isTrue();
        assertThat(second.request().id()).isNotEqualTo(first.request().id());
    }
}
