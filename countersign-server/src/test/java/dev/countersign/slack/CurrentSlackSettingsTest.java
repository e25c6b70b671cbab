package dev.countersign.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.settings.ChangedSettings;
import dev.countersign.settings.Setting;
import dev.countersign.settings.SettingsUnavailable;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CurrentSlackSettingsTest {

    private static final SlackSettings CONFIGURED = new SlackSettings(
            "xoxb-configured-1", "configured-secret-1", URI.create("http://127.0.0.1:9/api/"), null, true, Set.of());

    @Test
    void aStoredSecretThatDoesNotOpenFallsBackToTheConfiguredOneInsteadOfFailingTheCallback() {
        // given: the stored signing secret was sealed for another setting (a copied row)
        ChangedSettings unreadable = new ChangedSettings() {
            @Override
            public boolean flag(Setting setting, boolean fallback) {
                return fallback;
            }

            @Override
            public Optional<String> secret(Setting setting) {
                throw new SettingsUnavailable("the stored " + setting.apiName() + " does not open");
            }
        };

        // when
        var current = new CurrentSlackSettings(CONFIGURED, unreadable);

        // then
        assertThat(current.signingSecret()).isEqualTo("configured-secret-1");
        assertThat(current.botToken()).isEqualTo("xoxb-configured-1");
    }
}
