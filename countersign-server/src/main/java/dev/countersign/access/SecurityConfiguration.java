package dev.countersign.access;

import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Deny by default. Every route needs a valid bearer token except the ones listed here as public, each of which
 * proves itself another way or tells nothing:
 * <ul>
 *   <li>{@code POST /slack/events}: Slack's signature, checked by the Slack module before anything is read;</li>
 *   <li>the health probes: status only (details need the admin token).</li>
 * </ul>
 * The strict firewall refuses any path that two parts of the stack could read differently ({@code ;}, encoded
 * {@code /} or {@code .}, {@code //}, {@code /./}): the path that is authorised is the path that is served.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    static final String SLACK_EVENTS = "/slack/events";
    static final String[] HEALTH_PROBES = {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"
    };
    static final String[] ADMIN_ONLY = {
        "/api/v1/settings",
        "/api/v1/settings/**",
        "/api/v1/clients",
        "/api/v1/clients/**",
        "/api/v1/people",
        "/api/v1/people/**",
        "/actuator/**"
    };

    @Bean
    SecurityFilterChain denyByDefault(HttpSecurity http, CallerTokens tokens, ProblemResponses problems) {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        http.authorizeHttpRequests(requests -> requests
                        // The second dispatch of a long-poll, or an error page for a call already authorised.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(path.matcher(HttpMethod.POST, SLACK_EVENTS))
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, HEALTH_PROBES)
                        .permitAll()
                        .requestMatchers(ADMIN_ONLY)
                        .hasRole("ADMIN")
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(server -> server.opaqueToken(opaque -> opaque.introspector(tokens))
                        // RFC 9728's discovery document, public by design: it says where tokens go, and no more.
                        .protectedResourceMetadata(metadata -> metadata.protectedResourceMetadataCustomizer(document ->
                                document.resourceName("Countersign API").tlsClientCertificateBoundAccessTokens(false)))
                        .authenticationEntryPoint(problems::unauthorized)
                        .accessDeniedHandler(problems::forbidden))
                .exceptionHandling(refusals -> refusals.authenticationEntryPoint(problems::unauthorized)
                        .accessDeniedHandler(problems::forbidden))
                // Slack's callbacks carry no cookie and no token, only their signature: CSRF does not apply.
                // Calls with a bearer token are exempt already (the resource server does that).
                .csrf(csrf -> csrf.ignoringRequestMatchers(path.matcher(HttpMethod.POST, SLACK_EVENTS)))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable());
        return http.build();
    }

    /** Spring Security's strict firewall, as it comes: named here so that nobody loosens it unawares. */
    @Bean
    HttpFirewall strictFirewall() {
        return new StrictHttpFirewall();
    }

    @Bean
    RequestRejectedHandler rejectedAsProblem(ProblemResponses problems) {
        return problems::rejected;
    }
}
