package dev.countersign.delivery;

import java.util.List;
import java.util.Optional;

/**
 * A channel's side of the outbox: whether it can send at all, what an administrator's settings hold back, and a
 * handler for each kind of delivery it carries. The dispatcher does the rest (order, leases, retries, give-up).
 */
public interface DeliveryChannel {

    Channel channel();

    /** Whether the channel can be called now (e.g. a bot token is set); until then the outbox keeps its work. */
    boolean canSend();

    /**
     * Why settings hold this delivery back, if they do; it is then finished as "skipped: " + the reason. Decided
     * from what the delivery says of itself ({@link Delivery#dm()}, {@link Delivery#toApprover()}).
     */
    Optional<String> heldBack(Delivery delivery);

    List<DeliveryHandler<?>> handlers();
}
