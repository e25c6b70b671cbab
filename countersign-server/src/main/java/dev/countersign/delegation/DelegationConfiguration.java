package dev.countersign.delegation;

import dev.countersign.approval.Transactions;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

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
    CreateDelegation createDelegation(
            JdbcDelegations delegations,
            Transactions transactions,
            ObjectProvider<DelegationFollowUps> followUps,
            Clock clock) {
        return new CreateDelegation(delegations, transactions, all(followUps), clock);
    }

    @Bean
    RevokeDelegation revokeDelegation(
            JdbcDelegations delegations,
            Transactions transactions,
            ObjectProvider<DelegationFollowUps> followUps,
            Clock clock) {
        return new RevokeDelegation(delegations, transactions, all(followUps), clock);
    }

    @Bean
    DelegationAnnouncements delegationAnnouncements(
            JdbcDelegations delegations, Transactions transactions, ObjectProvider<DelegationFollowUps> followUps) {
        return new DelegationAnnouncements(new AnnounceDelegations(delegations, transactions, all(followUps)));
    }

    /** Every {@link DelegationFollowUps} bean (Slack's) writes its work in the delegation's transaction. */
    private static DelegationFollowUps all(ObjectProvider<DelegationFollowUps> followUps) {
        return DelegationFollowUps.all(followUps.orderedStream().toList());
    }
}
