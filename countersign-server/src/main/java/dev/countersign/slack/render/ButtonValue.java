package dev.countersign.slack.render;

import dev.countersign.approval.RequestId;

/**
 * What a button carries: which request and which level the message asked about. Only a reference: who clicked
 * comes from Slack's signed payload and what they may do from the approval core, never from the button.
 */
public record ButtonValue(RequestId requestId, int level) {

    public static ButtonValue parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("the button carries no value");
        }
        int colon = value.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a Countersign button value");
        }
        try {
            return new ButtonValue(
                    new RequestId(value.substring(0, colon)), Integer.parseInt(value.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a Countersign button value", e);
        }
    }

    String value() {
        return requestId.value() + ":" + level;
    }
}
