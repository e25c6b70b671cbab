package dev.countersign.delegation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Delegation settings ({@code countersign.delegation.*}, or {@code COUNTERSIGN_DELEGATION_*}).
 *
 * @param maxHops how far a chain of delegations reaches: 1 (the default) means only the person the delegator named
 *                may act for them; 2 lets that person's own delegate act too, and so on
 */
@Validated
@ConfigurationProperties("countersign.delegation")
public record DelegationSettings(
        @DefaultValue("1")
        @Min(
                value = 1,
                message = "countersign.delegation.max-hops (COUNTERSIGN_DELEGATION_MAX_HOPS) must be at " + "least 1")
        @Max(
                value = 5,
                message = "countersign.delegation.max-hops (COUNTERSIGN_DELEGATION_MAX_HOPS) must be at " + "most 5")
        int maxHops) {}
