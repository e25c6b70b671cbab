package dev.countersign.slack.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.ButtonElement;
import com.slack.api.model.view.View;
import dev.countersign.approval.ApprovalLevel;
import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.Email;
import dev.countersign.approval.Mode;
import dev.countersign.approval.RequestId;
import dev.countersign.approval.RequestSpec;
import dev.countersign.approval.Required;
import dev.countersign.approval.Transitions;
import dev.countersign.approval.Via;
import dev.countersign.settings.ChangedSettings;
import dev.countersign.slack.CurrentSlackSettings;
import dev.countersign.slack.SlackSettings;
import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The lists of {@code /approvals} and the Home tab, as Block Kit model objects. */
class OverviewBlocksTest {

    private static final Email ALICE = new Email("alice@example.com");
    private static final Email BOB = new Email("bob@example.com");
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static OverviewBlocks blocks(boolean buttons) {
        RequestMessages messages = new RequestMessages(
                () -> URI.create("https://approvals.example.com"),
                Email::value,
                new CurrentSlackSettings(
                        new SlackSettings(
                                "xoxb-1", "secret", URI.create("https://slack.com/api/"), null, buttons, Set.of()),
                        ChangedSettings.NONE));
        return new OverviewBlocks(messages, Email::value);
    }

    private static ApprovalRequest request(String title, Email requester, Email approver) {
        return Transitions.submit(
                        RequestId.random(),
                        new RequestSpec(
                                "deploy",
                                title,
                                null,
                                Map.of(),
                                requester,
                                List.of(new ApprovalLevel(List.of(approver), new Required.All())),
                                Mode.STANDARD,
                                List.of(),
                                null,
                                null,
                                null),
                        Via.API,
                        T0)
                .request();
    }

    private static List<ButtonElement> buttons(List<LayoutBlock> blocks) {
        return blocks.stream()
                .filter(ActionsBlock.class::isInstance)
                .map(ActionsBlock.class::cast)
                .flatMap(a -> a.getElements().stream())
                .map(ButtonElement.class::cast)
                .toList();
    }

    @Test
    void aFullListFitsInOneMessageWithUniqueBlockIdsAndSaysThereIsMore() {
        // given: ten shown of more waiting, ten shown of more open
        List<ApprovalRequest> waiting = IntStream.range(0, 10)
                .mapToObj(i -> request("Deploy " + i, ALICE, BOB))
                .toList();
        List<ApprovalRequest> open = IntStream.range(0, 10)
                .mapToObj(i -> request("Mine " + i, BOB, ALICE))
                .toList();

        // when
        SlackMessage message = blocks(true).overview(new ApprovalOverview(BOB, waiting, true, open, true, Map.of()));

        // then
        assertThat(message.blocks()).hasSizeLessThanOrEqualTo(50);
        List<String> blockIds = message.blocks().stream()
                .map(LayoutBlock::getBlockId)
                .filter(java.util.Objects::nonNull)
                .toList();
        assertThat(new HashSet<>(blockIds)).hasSameSizeAs(blockIds);
        assertThat(message.blocks())
                .filteredOn(HeaderBlock.class::isInstance)
                .map(b -> ((HeaderBlock) b).getText().getText())
                .containsExactly("Waiting for your decision (10+)", "Your open requests (10+)");
        assertThat(message.text()).isEqualTo("10+ waiting for your decision, 10+ of your requests open");
        assertThat(buttons(message.blocks()))
                .filteredOn(b -> b.getActionId().equals("approve"))
                .hasSize(10)
                .first()
                .satisfies(b -> assertThat(b.getValue())
                        .isEqualTo(waiting.getFirst().id().value() + ":1"));
    }

    @Test
    void withButtonsTurnedOffTheListsCarryOnlyDetails() {
        ApprovalRequest waiting = request("Deploy", ALICE, BOB);

        SlackMessage message =
                blocks(false).overview(new ApprovalOverview(BOB, List.of(waiting), false, List.of(), false, Map.of()));

        assertThat(buttons(message.blocks()))
                .extracting(ButtonElement::getActionId)
                .containsExactly("details");
    }

    @Test
    void theHomeTabIsAHomeViewOfTheSameLists() {
        ApprovalRequest waiting = request("Deploy", ALICE, BOB);

        View home =
                blocks(true).home(new ApprovalOverview(BOB, List.of(waiting), false, List.of(), false, Map.of()), T0);

        assertThat(home.getType()).isEqualTo("home");
        assertThat(buttons(home.getBlocks()))
                .extracting(ButtonElement::getActionId)
                .containsExactly("approve", "reject", "details");
    }
}
