package dev.countersign.delegation;

/** The delegation breaks a rule (self-delegation, empty or past window, …). */
public final class InvalidDelegation extends DelegationException {

    public InvalidDelegation(String message) {
        super(message);
    }
}
