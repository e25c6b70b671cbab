package dev.countersign.delivery;

import java.util.function.Function;

/**
 * Carries out one kind of delivery. Exactly one handler per kind: the dispatcher refuses to start with two.
 * A handler may run again for the same delivery (a retry, a lapsed lease after a crash), so it checks what was sent
 * already. It throws {@link DeliveryFailed} when its channel did not take the delivery; the dispatcher decides
 * whether to try again.
 */
public interface DeliveryHandler<T extends Delivery> {

    Class<T> kind();

    /** @return what happened, for the outbox row (e.g. "sent", "skipped: level no longer asked") */
    String deliver(Queued<T> queued);

    static <T extends Delivery> DeliveryHandler<T> of(Class<T> kind, Function<Queued<T>, String> deliver) {
        return new DeliveryHandler<>() {
            @Override
            public Class<T> kind() {
                return kind;
            }

            @Override
            public String deliver(Queued<T> queued) {
                return deliver.apply(queued);
            }
        };
    }
}
