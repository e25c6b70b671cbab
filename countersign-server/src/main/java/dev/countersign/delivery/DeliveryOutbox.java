package dev.countersign.delivery;

import dev.countersign.approval.Email;
import dev.countersign.approval.RequestId;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deliveries waiting to go out, on every channel. Rows are added in the transaction of the change that needs them;
 * any node may then claim one with a lease, so a node that dies mid-delivery leaves it to another once the lease
 * lapses. A lane's deliveries (a request's, on one channel) run one at a time, oldest first.
 *
 * <p>A row is a delivery's kind and its record components, each in a typed column named for what it holds; the
 * record is rebuilt from them through its canonical constructor. So a new kind needs no code here, only components
 * named as {@link #COLUMNS} says.
 */
public class DeliveryOutbox {

    /** Record component → the column holding it. */
    static final Map<String, String> COLUMNS = Map.of(
            "request", "request_id",
            "recipient", "recipient",
            "level", "level_number",
            "approver", "approver",
            "line", "progress_line",
            "number", "reminder_number",
            "max", "reminder_max",
            "remindersSent", "reminders_sent");

    private static final List<String> PAYLOAD =
            COLUMNS.values().stream().sorted().toList();
    private static final Map<String, Kind> KINDS = Arrays.stream(Delivery.class.getPermittedSubclasses())
            .map(Kind::of)
            .collect(Collectors.toMap(Kind::name, kind -> kind, (a, b) -> a, LinkedHashMap::new));
    private static final Map<Class<?>, Kind> BY_CLASS =
            KINDS.values().stream().collect(Collectors.toMap(Kind::type, kind -> kind));

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final ApplicationEventPublisher events;

    public DeliveryOutbox(JdbcClient jdbc, JdbcTemplate batch, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.events = events;
    }

    /** What a kind is called in the outbox's {@code kind} column: its name in capitals, e.g. ASK_APPROVER. */
    public static String kindOf(Class<? extends Delivery> type) {
        return BY_CLASS.get(type).name();
    }

    /** One batch, however many deliveries (in the order given, which is the order they go out in per lane). */
    public void add(List<? extends Delivery> deliveries, Instant now) {
        if (deliveries.isEmpty()) {
            return;
        }
        batch.batchUpdate(
                "insert into delivery_outbox (channel, kind, lane, " + String.join(", ", PAYLOAD)
                        + ", created_at, due_at) values (?, ?, ?, " + "?, ".repeat(PAYLOAD.size()) + "?, ?)",
                deliveries.stream()
                        .map(delivery -> {
                            Kind kind = BY_CLASS.get(delivery.getClass());
                            Map<String, Object> values = kind.columns(delivery);
                            List<Object> row =
                                    new ArrayList<>(List.of(delivery.channel().key(), kind.name(), delivery.lane()));
                            PAYLOAD.forEach(column -> row.add(values.get(column)));
                            row.add(at(now));
                            row.add(at(now));
                            return row.toArray();
                        })
                        .toList());
        events.publishEvent(new DeliveriesQueued(deliveries.size()));
    }

    /**
     * Each lane's oldest unfinished delivery on these channels, when it is due and nobody holds it, oldest first.
     * One ordered pass over the open deliveries (the index {@code delivery_outbox_open}, led by {@code done_at}),
     * whatever the plan: the statement has no join on purpose. A join of the open tasks with their per-request
     * minimum ran as a nested loop when the driver's cached plan was made while the outbox was nearly empty, and
     * took 5 s a look once a sweep queued 6,000 tasks (and a correlated "no earlier open task" check did the same on
     * a freshly filled table without statistics).
     */
    List<Queued<Delivery>> ready(Instant now, int limit, Collection<Channel> channels) {
        if (channels.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select * from (
                            select distinct on (channel, lane) * from delivery_outbox
                            where done_at is null
                            order by channel, lane, id
                        ) head
                        where channel in (:channels) and due_at <= :now
                          and (claimed_until is null or claimed_until < :now)
                        order by id
                        fetch first :limit rows only
                        """)
                .param("channels", channels.stream().map(Channel::key).toList())
                .param("now", at(now))
                .param("limit", limit)
                .query(DeliveryOutbox::queued)
                .list();
    }

    /**
     * Takes the delivery for {@code lease}; false when another node got it first, finished it, or put it off (a
     * retry with backoff) since it was found ready.
     */
    boolean claim(Queued<?> queued, Instant now, Duration lease) {
        return jdbc.sql("""
                        update delivery_outbox set claimed_until = ?, attempts = attempts + 1
                        where id = ? and done_at is null and due_at <= ?
                          and (claimed_until is null or claimed_until < ?)
                        """)
                        .params(at(now.plus(lease)), queued.id(), at(now), at(now))
                        .update()
                == 1;
    }

    void done(Queued<?> queued, Instant now, String outcome) {
        jdbc.sql("update delivery_outbox set done_at = ?, claimed_until = null, outcome = ? where id = ?")
                .params(at(now), cut(outcome), queued.id())
                .update();
    }

    /**
     * Finishes the lane's later deliveries of the same kind that have not started, for one that {@link
     * Delivery#coalesces()}: the redraw about to run draws the request as it is now, which includes whatever those
     * were queued for. Several votes in quick succession cost one redraw (and several changes one App Home publish).
     */
    int mergeLater(Queued<?> queued, Instant now) {
        Delivery delivery = queued.delivery();
        return jdbc.sql("""
                        update delivery_outbox set done_at = ?, outcome = ?
                        where channel = ? and lane = ? and kind = ? and done_at is null and id > ?
                        """)
                .params(
                        at(now),
                        "merged into task " + queued.id(),
                        delivery.channel().key(),
                        delivery.lane(),
                        BY_CLASS.get(delivery.getClass()).name(),
                        queued.id())
                .update();
    }

    void retryAt(Queued<?> queued, Instant due, String lastError) {
        jdbc.sql("update delivery_outbox set due_at = ?, claimed_until = null, outcome = ? where id = ?")
                .params(at(due), cut(lastError), queued.id())
                .update();
    }

    /** Drops deliveries finished before {@code before}; what happened stays in the exchange log and the audit. */
    int forgetFinishedBefore(Instant before) {
        return jdbc.sql("delete from delivery_outbox where done_at is not null and done_at < ?")
                .param(at(before))
                .update();
    }

    private static Queued<Delivery> queued(ResultSet rs, int row) throws SQLException {
        Kind kind = KINDS.get(rs.getString("kind"));
        if (kind == null) {
            throw new IllegalStateException(
                    "outbox row " + rs.getLong("id") + " is of an unknown kind '" + rs.getString("kind") + "'");
        }
        return new Queued<>(
                rs.getLong("id"),
                kind.read(rs),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getInt("attempts"));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String cut(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 997) + "...";
    }

    /** A kind of delivery: its name in the outbox and how its components map to columns. */
    record Kind(
            String name,
            Class<? extends Delivery> type,
            RecordComponent[] components,
            Constructor<? extends Delivery> constructor) {

        static Kind of(Class<?> permitted) {
            Class<? extends Delivery> type = permitted.asSubclass(Delivery.class);
            RecordComponent[] components = type.getRecordComponents();
            for (RecordComponent component : components) {
                if (!COLUMNS.containsKey(component.getName())) {
                    throw new IllegalStateException(type.getSimpleName() + "." + component.getName()
                            + " has no outbox column; name it as one of " + COLUMNS.keySet());
                }
            }
            try {
                Constructor<? extends Delivery> constructor = type.getDeclaredConstructor(
                        Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
                return new Kind(
                        type.getSimpleName()
                                .replaceAll("([a-z])([A-Z])", "$1_$2")
                                .toUpperCase(),
                        type,
                        components,
                        constructor);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        }

        Map<String, Object> columns(Delivery delivery) {
            Map<String, Object> values = new HashMap<>();
            for (RecordComponent component : components) {
                try {
                    values.put(
                            COLUMNS.get(component.getName()),
                            stored(component.getAccessor().invoke(delivery)));
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException(e);
                }
            }
            return values;
        }

        Delivery read(ResultSet rs) throws SQLException {
            Object[] args = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                args[i] = value(components[i].getType(), rs, COLUMNS.get(components[i].getName()));
            }
            try {
                return constructor.newInstance(args);
            } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("outbox row " + rs.getLong("id") + " does not make a " + name, e);
            }
        }

        private static Object stored(Object value) {
            return switch (value) {
                case RequestId id -> id.value();
                case Email email -> email.value();
                case null, default -> value;
            };
        }

        private static Object value(Class<?> type, ResultSet rs, String column) throws SQLException {
            if (type == int.class) {
                return rs.getInt(column);
            }
            String text = rs.getString(column);
            if (text == null) {
                return null;
            }
            if (type == RequestId.class) {
                return new RequestId(text);
            }
            if (type == Email.class) {
                return new Email(text);
            }
            if (type == String.class) {
                return text;
            }
            throw new IllegalStateException("no outbox column type for " + type);
        }
    }
}
