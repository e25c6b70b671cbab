package dev.countersign.approval;

import static dev.countersign.approval.People.BOB;
import static dev.countersign.approval.SpecBuilder.aRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where callers may have Countersign post: the request's channel and the channels it escalates to. */
class ChannelAllowListTest {

    private final InMemoryApprovalCore core = new InMemoryApprovalCore();
    private final SubmitRequest submit =
            new SubmitRequest(core.requests, core.changes, ChannelAllowList.parse("#Approvals, C0123ABCD"));

    @Test
    void aRequestToAChannelOutsideTheListIsRefusedNamingItAndWhatIsAllowedAndNothingIsStored() {
        // given
        RequestSpec spec = aRequest().level(1, BOB).channel("#random").build();

        // when / then
        assertThatThrownBy(() -> submit.submit(spec, null, Via.API, Credential.admin()))
                .isInstanceOf(InvalidApprovalRequest.class)
                .hasMessageContaining("channel '#random' is not one Countersign may post to")
                .hasMessageContaining("allowed: #Approvals, C0123ABCD");
        assertThat(core.announcements.publications()).isEmpty();
        assertThat(core.requests.size()).isZero();
    }

    @Test
    void anEscalationChannelOutsideTheListIsRefusedButEmailsAreNotChannels() {
        // given
        RequestSpec spec = aRequest()
                .level(1, BOB)
                .channel("#approvals")
                .reminders(new Reminders(Duration.ofHours(1), 2, List.of("ops@example.com", "#oncall")))
                .build();

        // when / then
        assertThatThrownBy(() -> submit.submit(spec, null, Via.API, Credential.admin()))
                .isInstanceOf(InvalidApprovalRequest.class)
                .satisfies(e -> assertThat(((InvalidApprovalRequest) e).problems())
                        .singleElement()
                        .asString()
                        .contains("reminders.escalateTo channel '#oncall'"));
        assertThat(core.requests.size()).isZero();
    }

    @Test
    void namesMatchCaseInsensitivelyWithOrWithoutTheHashAndIdsMatchAsListed() {
        // given
        RequestSpec byName = aRequest()
                .level(1, BOB)
                .channel("APPROVALS")
                .reminders(new Reminders(null, null, List.of("#approvals", "ops@example.com", "C0123ABCD")))
                .build();
        RequestSpec byId = aRequest().level(1, BOB).channel("C0123ABCD").build();
        RequestSpec none = aRequest().level(1, BOB).build();

        // when
        var submitted = List.of(
                submit.submit(byName, null, Via.API, Credential.admin()),
                submit.submit(byId, null, Via.API, Credential.admin()),
                submit.submit(none, null, Via.API, Credential.admin()));

        // then
        assertThat(submitted).allSatisfy(s -> assertThat(s.created()).isTrue());
    }

    @Test
    void anEmptyListAllowsAnyChannel() {
        // given
        RequestSpec spec = aRequest()
                .level(1, BOB)
                .channel("#anything")
                .reminders(new Reminders(null, null, List.of("#elsewhere")))
                .build();

        // when / then
        for (ChannelAllowList any : List.of(
                ChannelAllowList.parse(""),
                ChannelAllowList.parse(" , "),
                ChannelAllowList.parse(null),
                ChannelAllowList.ANY)) {
            assertThat(any.allowsAny()).isTrue();
            assertThat(new SubmitRequest(core.requests, core.changes, any)
                            .submit(spec, null, Via.API, Credential.admin())
                            .created())
                    .isTrue();
        }
    }
}
