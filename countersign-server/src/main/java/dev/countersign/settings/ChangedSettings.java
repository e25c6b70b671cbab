package dev.countersign.settings;

import java.util.Optional;

/** What an administrator changed, as the modules that use the settings read it. */
public interface ChangedSettings {

    /** Nothing changed: every setting is as configured. */
    ChangedSettings NONE = new ChangedSettings() {
        @Override
        public boolean flag(Setting setting, boolean fallback) {
            return fallback;
        }

        @Override
        public Optional<String> secret(Setting setting) {
            return Optional.empty();
        }
    };

    /** The flag as an administrator last set it, or {@code fallback} (the configuration) when never set. */
    boolean flag(Setting setting, boolean fallback);

    /**
     * The secret an administrator stored, if any.
     *
     * @throws SettingsUnavailable when one is stored but cannot be opened with {@code COUNTERSIGN_SECRET_KEY}
     */
    Optional<String> secret(Setting setting);
}
