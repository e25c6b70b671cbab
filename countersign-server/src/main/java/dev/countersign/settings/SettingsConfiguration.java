package dev.countersign.settings;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class SettingsConfiguration {

    @Bean
    AdminSettings adminSettings(
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            Clock clock,
            @Value("${countersign.secret-key:}") String secretKey,
            @Value("${countersign.settings.refresh:1s}") Duration refresh) {
        return new AdminSettings(jdbc, new TransactionTemplate(transactions), secretKey, clock, refresh);
    }
}
