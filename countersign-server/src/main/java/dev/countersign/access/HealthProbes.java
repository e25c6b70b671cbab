package dev.countersign.access;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Set;
import org.springframework.boot.actuate.endpoint.jackson.EndpointJsonMapper;
import org.springframework.boot.health.actuate.endpoint.SystemHealthDescriptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The health probes are public, so they say nothing but the status to anonymous callers: details and components
 * only to the admin token ({@code show-details: when-authorized}), and never the list of probe groups, which
 * Spring Boot otherwise adds to the overall status for everyone. The groups still answer at their own paths.
 */
@Configuration(proxyBeanMethods = false)
class HealthProbes {

    /** Spring Boot's own endpoint mapper (non-null values only), with the groups left out. */
    @Bean
    EndpointJsonMapper healthSafeEndpointJsonMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .changeDefaultPropertyInclusion(inclusion -> inclusion
                        .withValueInclusion(JsonInclude.Include.NON_NULL)
                        .withContentInclusion(JsonInclude.Include.NON_NULL))
                .addMixIn(SystemHealthDescriptor.class, WithoutGroups.class)
                .build();
        return () -> mapper;
    }

    abstract static class WithoutGroups {
        @JsonIgnore
        abstract Set<String> getGroups();
    }
}
