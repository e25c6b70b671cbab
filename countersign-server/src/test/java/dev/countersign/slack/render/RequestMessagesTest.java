package dev.countersign.slack.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.element.ButtonElement;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestMessagesTest {

    private static final Email ALICE = new Email("alice@example.com");
    private static final Email BOB = new Email("bob@example.com");

    private static RequestMessages messages(boolean buttons) {
        return new RequestMessages(
                () -> URI.create("https://approvals.example.com"),
                Email::value,
                new CurrentSlackSettings(
                        new SlackSettings(
                                "xoxb-1", "secret", URI.create("https://slack.com/api/"), null, buttons, Set.of()),
                        ChangedSettings.NONE));
    }

    private static ApprovalRequest request(String title, Map<String, String> fields, String description) {
        return Transitions.submit(
                        RequestId.random(),
                        new RequestSpec(
                                "deploy",
                                title,
                                description,
                                fields,
                                ALICE,
                                List.of(new ApprovalLevel(List.of(BOB), new Required.All())),
                                Mode.STANDARD,
                                List.of(),
                                null,
                                null,
                                null),
                        Via.API,
                        Instant.parse("2026-11-23T10:00:00Z"))
                .request();
    }

    private static List<String> actionIds(List<LayoutBlock> blocks) {
        return blocks.stream()
                .filter(ActionsBlock.class::isInstance)
                .map(ActionsBlock.class::cast)
                .flatMap(a -> a.getElements().stream())
                .map(e -> ((ButtonElement) e).getActionId())
                .toList();
    }

    @Test
    void withButtonsTurnedOffAnApproverGetsOnlyTheDetailsLink() {
        ApprovalRequest request = request("Deploy", Map.of(), null);

        SlackMessage message = messages(false).approverDm(request, BOB, 1);

        assertThat(actionIds(message.blocks())).containsExactly("details");
        assertThat(actionIds(messages(true).approverDm(request, BOB, 1).blocks()))
                .containsExactly("approve", "reject", "details");
    }

    @Test
    void theDetailsButtonLinksToTheRequestPageAtTheBaseUrl() {
        ApprovalRequest request = request("Deploy", Map.of(), null);

        ButtonElement details = messages(true).approverDm(request, BOB, 1).blocks().stream()
                .filter(ActionsBlock.class::isInstance)
                .map(ActionsBlock.class::cast)
                .flatMap(a -> a.getElements().stream())
                .map(ButtonElement.class::cast)
                .filter(b -> b.getActionId().equals("details"))
                .findFirst()
                .orElseThrow();

        assertThat(details.getUrl())
                .isEqualTo(
                        "https://approvals.example.com/requests/" + request.id().value());
    }

    @Test
    void whatPeopleTypedCannotMentionEveryoneOrBreakSlackLimits() {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i <= 23; i++) {
            fields.put("field " + i, "value " + i);
        }
        ApprovalRequest request = request("x".repeat(200), fields, "<!channel> please & thanks " + "y".repeat(9000));

        List<LayoutBlock> blocks = messages(true).approverDm(request, BOB, 1).blocks();

        HeaderBlock header = (HeaderBlock) blocks.getFirst();
        assertThat(header.getText().getText()).hasSizeLessThanOrEqualTo(150);
        List<SectionBlock> sections = blocks.stream()
                .filter(SectionBlock.class::isInstance)
                .map(SectionBlock.class::cast)
                .toList();
        // 23 fields: Slack takes at most 10 per section.
        assertThat(sections.stream()
                        .filter(s -> s.getFields() != null)
                        .map(s -> s.getFields().size()))
                .containsExactly(10, 10, 3);
        String description = sections.stream()
                .filter(s -> s.getText() != null)
                .map(s -> s.getText().getText())
                .filter(t -> t.contains("please"))
                .findFirst()
                .orElseThrow();
        assertThat(description)
                .startsWith("> &lt;!channel&gt; please &amp; thanks")
                .hasSizeLessThanOrEqualTo(3000);
    }

    @Test
    void fiftyApproversWithLongAddressesStillFitSlacksContextLimit() {
        List<Email> approvers = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            approvers.add(new Email("a-rather-long-mailbox-name-number-" + i + "@approvals.subsidiary.example.com"));
        }
        ApprovalRequest request = Transitions.submit(
                        RequestId.random(),
                        new RequestSpec(
                                "deploy",
                                "Deploy",
                                null,
                                Map.of(),
                                ALICE,
                                List.of(new ApprovalLevel(approvers, new Required.AtLeast(1))),
                                Mode.STANDARD,
                                List.of(),
                                null,
                                null,
                                null),
                        Via.API,
                        Instant.now())
                .request();

        List<LayoutBlock> blocks =
                messages(true).approverDm(request, approvers.getFirst(), 1).blocks();

        var context = blocks.stream()
                .filter(com.slack.api.model.block.ContextBlock.class::isInstance)
                .map(com.slack.api.model.block.ContextBlock.class::cast)
                .findFirst()
                .orElseThrow();
        String text = ((com.slack.api.model.block.composition.MarkdownTextObject)
                        context.getElements().getFirst())
                .getText();
        assertThat(text).startsWith("Level 1 of 1").hasSizeLessThanOrEqualTo(2000);
    }
}
