package dev.countersign.delegation;

/** No delegation has this id. */
public final class DelegationNotFound extends DelegationException {

    public DelegationNotFound(String id) {
        super("no delegation with id '" + id + "'");
    }
}
