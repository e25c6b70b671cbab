package dev.countersign.approval;

import java.util.function.Supplier;

/** Runs the work as it is; remembers whether a transaction is open, so tests can tell when things happened. */
final class RecordingTransactions implements Transactions {

    private final ThreadLocal<Integer> depth = ThreadLocal.withInitial(() -> 0);

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        depth.set(depth.get() + 1);
        try {
            return work.get();
        } finally {
            depth.set(depth.get() - 1);
        }
    }

    boolean open() {
        return depth.get() > 0;
    }
}
