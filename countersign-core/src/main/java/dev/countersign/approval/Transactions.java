package dev.countersign.approval;

import java.util.function.Supplier;

/** Port: runs work atomically against the store. Nothing that talks to the outside world belongs inside. */
@FunctionalInterface
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);
}
