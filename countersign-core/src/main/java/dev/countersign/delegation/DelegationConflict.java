package dev.countersign.delegation;

/** The delegation is not in a state that allows the change (revoking one that already ended). */
public final class DelegationConflict extends DelegationException {

    public DelegationConflict(String message) {
        super(message);
    }
}
