package dev.countersign.approval.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The allow list is read from the environment variable the docs name, as Spring Boot maps it. */
class ChannelAllowListSettingTest {

    @Test
    void theAllowedChannelsComeFromCountersignSlackAllowedChannels() {
        // given: the variable as an operator sets it
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("COUNTERSIGN_SLACK_ALLOWED_CHANNELS", "#approvals,C0APPROVE1")));
        ConfigurationPropertySources.attach(environment);

        // when
        String allowed = environment.resolvePlaceholders("${countersign.slack.allowed-channels:}");

        // then
        assertThat(new ApprovalConfiguration().channelAllowList(allowed).toString())
                .isEqualTo("#approvals, C0APPROVE1");
    }
}
