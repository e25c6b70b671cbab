package dev.countersign.slack.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.approval.RequestId;
import org.junit.jupiter.api.Test;

class ButtonValueTest {

    @Test
    void carriesTheRequestAndLevelAndNothingElse() {
        RequestId id = RequestId.random();
        ButtonValue value = new ButtonValue(id, 2);
        assertThat(value.value()).isEqualTo(id.value() + ":2");
        assertThat(ButtonValue.parse(value.value())).isEqualTo(value);
    }

    @Test
    void refusesValuesThatAreNotOurs() {
        for (String value :
                new String[] {null, "", "approve", "abc:1", RequestId.random().value() + ":x", "../../etc:1"}) {
            assertThatThrownBy(() -> ButtonValue.parse(value)).as(value).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
