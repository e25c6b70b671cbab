package dev.countersign.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The API module's set-up: the OpenAPI description served at {@code /v3/api-docs} (generated from the controllers
 * themselves, so it cannot drift from them) and scheduling for the waiters' sweep.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Countersign API",
                        version = "v1",
                        description = "Ask people for approval and wait for their decision."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer")
class ApiConfiguration {}
