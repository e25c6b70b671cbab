package dev.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LevelSpecTest {

    @Test
    void readsApproversAndQuorumAfterTheLastColon() {
        // given
        String text = "bob@example.com, carol@example.com:1";

        // when
        LevelSpec level = LevelSpec.parse(text);

        // then
        assertThat(level.approvers()).containsExactly("bob@example.com", "carol@example.com");
        assertThat(level.quorum()).hasValue(1);
    }

    @Test
    void requiresAllApproversWhenThereIsNoRule() {
        // when
        LevelSpec level = LevelSpec.parse("dave@example.com,erin@example.com");

        // then
        assertThat(level.approvers()).containsExactly("dave@example.com", "erin@example.com");
        assertThat(level.quorum()).isEmpty();
    }

    @Test
    void acceptsAllAsAnExplicitRuleInAnyCase() {
        // when
        LevelSpec level = LevelSpec.parse("dave@example.com:ALL");

        // then
        assertThat(level.quorum()).isEmpty();
    }

    @Test
    void writesTheRuleAsTheApiTakesIt() {
        // given
        LevelSpec quorum = new LevelSpec(List.of("a@x.com", "b@x.com"), OptionalInt.of(1));
        LevelSpec all = new LevelSpec(List.of("c@x.com"), OptionalInt.empty());

        // when / then
        assertThat(quorum.toJson()).isEqualTo(Map.of("approvers", List.of("a@x.com", "b@x.com"), "required", 1));
        assertThat(all.toJson()).isEqualTo(Map.of("approvers", List.of("c@x.com"), "required", "all"));
    }

    @ParameterizedTest(name = "''{0}'' is refused: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a@x.com,b@x.com:3     | requires 3 approvals but names only 2 approvers",
                "a@x.com:0             | must require at least 1",
                "a@x.com:two           | is not a rule",
                "a@x.com:              | is not a rule",
                "a@x.com:-1            | is not a rule",
                "a@x.com,,b@x.com:1    | has an empty approver",
                ":1                    | has an empty approver",
                "a@x.com,A@x.com       | names A@x.com twice",
                "'   '                 | a level needs approvers"
            })
    void refusesMalformedLevelsWithAMessageThatSaysWhatToFix(String text, String message) {
        // when / then
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LevelSpec.parse(text))
                .withMessageContaining(message);
    }
}
