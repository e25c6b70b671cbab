package dev.countersign.delegation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The delegation settings as an operator sets them: a default that is safe, and a clear refusal of nonsense. */
class DelegationSettingsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DelegationSettings.class)
    static class Settings {}

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void aChainReachesOneHopByDefault() {
        context.run(started ->
                assertThat(started.getBean(DelegationSettings.class).maxHops()).isEqualTo(1));
    }

    @Test
    void takesTheConfiguredNumberOfHops() {
        context.withPropertyValues("countersign.delegation.max-hops=2")
                .run(started -> assertThat(
                                started.getBean(DelegationSettings.class).maxHops())
                        .isEqualTo(2));
    }

    @Test
    void refusesToStartWithFewerThanOneHopAndSaysWhatToSet() {
        context.withPropertyValues("countersign.delegation.max-hops=0").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("COUNTERSIGN_DELEGATION_MAX_HOPS");
        });
    }
}
