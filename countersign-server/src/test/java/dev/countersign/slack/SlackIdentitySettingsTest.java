package dev.countersign.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SlackIdentitySettingsTest {

    private static SlackIdentitySettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("countersign.slack", Bindable.of(SlackIdentitySettings.class));
    }

    @Test
    void guestsAreRefusedAndAnswersTrustedForAnHourByDefault() {
        SlackIdentitySettings settings = bind(Map.of());

        assertThat(settings.allowGuests()).isFalse();
        assertThat(settings.identityTtl()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theTtlIsReadAsDurationsAreTypedEverywhereElse() {
        SlackIdentitySettings settings =
                bind(Map.of("countersign.slack.identity-ttl", "1h30m", "countersign.slack.allow-guests", "true"));

        assertThat(settings.identityTtl()).isEqualTo(Duration.ofMinutes(90));
        assertThat(settings.allowGuests()).isTrue();
    }

    @Test
    void aTtlThatIsNotADurationNamesTheVariableToFix() {
        assertThatThrownBy(() -> bind(Map.of("countersign.slack.identity-ttl", "an hour")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("COUNTERSIGN_SLACK_IDENTITY_TTL")
                .hasMessageContaining("1h30m");
    }

    @Test
    void aZeroTtlIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("countersign.slack.identity-ttl", "0s")))
                .rootCause()
                .hasMessageContaining("COUNTERSIGN_SLACK_IDENTITY_TTL must be more than zero");
    }
}
