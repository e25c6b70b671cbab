package dev.countersign.settings;

/** A setting cannot be read or stored as asked: the message says what to set or do. */
public class SettingsUnavailable extends RuntimeException {

    public SettingsUnavailable(String message) {
        super(message);
    }
}
