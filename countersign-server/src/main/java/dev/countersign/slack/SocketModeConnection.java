package dev.countersign.slack;

/**
 * Whether the Socket Mode connection is up, as the running service knows it. For health checks: they must not
 * call {@code apps.connections.open} themselves, which Slack rate-limits to about one call a minute and which the
 * connection needs for reconnecting.
 */
public interface SocketModeConnection {

    /** True when the current connection answers a ping. */
    boolean open();
}
