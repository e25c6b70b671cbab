package dev.countersign.delegation;

import dev.countersign.approval.Transactions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;

/**
 * The delegation module's parts. Its {@link DelegationMandates} is the application's
 * {@link dev.countersign.approval.Mandates}: primary, so it wins over the core's stand-in ({@code Mandates.NONE})
 * whichever configuration is read first.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DelegationSettings.class)
class DelegationConfiguration {

    @Bean
    JdbcDelegations delegations(JdbcClient jdbc) {
        return new JdbcDelegations(jdbc);
    }

    @Bean
    @Primary
    DelegationMandates delegationMandates(JdbcDelegations delegations, DelegationSettings settings) {
        return new DelegationMandates(delegations, settings.maxHops());
    }

    @Bean
    CreateDelegation createDelegation(JdbcDelegations delegations, Transactions transactions,
                                      ApplicationEventPublisher events, Clock clock) {
        return new CreateDelegation(delegations, transactions, events, clock);
    }

    @Bean
    RevokeDelegation revokeDelegation(JdbcDelegations delegations, Transactions transactions,
                                      ApplicationEventPublisher events, Clock clock) {
        return new RevokeDelegation(delegations, transactions, events, clock);
    }

    @Bean
    DelegationAnnouncements delegationAnnouncements(JdbcDelegations delegations, Transactions transactions,
                                                    ApplicationEventPublisher events) {
        return new DelegationAnnouncements(delegations, transactions, events);
    }
}
