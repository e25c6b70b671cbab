package dev.countersign.delegation;

/** Why a delegation cannot be created, found or changed; each kind maps to its own HTTP status and CLI message. */
public abstract sealed class DelegationException extends RuntimeException
        permits InvalidDelegation, DelegationNotFound, DelegationConflict {

    DelegationException(String message) {
        super(message, null, false, false);
    }
}
