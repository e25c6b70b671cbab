package dev.countersign.delivery;

/**
 * Where a delivery goes out. Email and webhooks join as constants of their own, each with its handlers, on the same
 * outbox and dispatcher.
 */
public enum Channel {
    SLACK("slack", "Slack");

    private final String key;
    private final String title;

    Channel(String key, String title) {
        this.key = key;
        this.title = title;
    }

    /** As stored in the outbox's {@code channel} column, and named in a delivery problem with no recipient. */
    public String key() {
        return key;
    }

    /** As shown to people: "Slack refused …". */
    public String title() {
        return title;
    }

    static Channel ofKey(String key) {
        for (Channel channel : values()) {
            if (channel.key.equals(key)) {
                return channel;
            }
        }
        throw new IllegalArgumentException("no delivery channel '" + key + "'");
    }
}
