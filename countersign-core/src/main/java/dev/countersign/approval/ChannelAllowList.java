package dev.countersign.approval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where callers may have Countersign post in Slack: the request's {@code channel} and the channels among its
 * {@code reminders.escalateTo} (emails there are people, not channels). An empty list allows any channel. Entries
 * are {@code #name} or a channel id; names compare case-insensitively, with or without the {@code #}. A name and
 * an id are not matched with each other: allowing {@code #deploys} does not allow its id {@code C0123}, since only
 * Slack knows which id a name has.
 *
 * <p>A policy of the core, so that every way in (API, CLI, anything later) is held to it before a request exists.
 */
public final class ChannelAllowList {

    /** Any channel may be used: what an empty {@code COUNTERSIGN_SLACK_ALLOWED_CHANNELS} means. */
    public static final ChannelAllowList ANY = new ChannelAllowList(List.of());

    private final List<String> shown;
    private final Set<String> allowed;

    private ChannelAllowList(Collection<String> entries) {
        List<String> shown = new ArrayList<>();
        Set<String> allowed = new LinkedHashSet<>();
        for (String entry : entries) {
            if (entry != null && !entry.isBlank() && allowed.add(key(entry))) {
                shown.add(entry.strip());
            }
        }
        this.shown = List.copyOf(shown);
        this.allowed = Set.copyOf(allowed);
    }

    /** @param entries {@code #name} or channel ids; blanks are ignored, and none at all allows any channel */
    public static ChannelAllowList of(Collection<String> entries) {
        return entries == null ? ANY : new ChannelAllowList(entries);
    }

    /** A comma-separated list, as {@code COUNTERSIGN_SLACK_ALLOWED_CHANNELS} holds it. */
    public static ChannelAllowList parse(String commaSeparated) {
        return commaSeparated == null ? ANY : of(List.of(commaSeparated.split(",")));
    }

    public boolean allowsAny() {
        return allowed.isEmpty();
    }

    public boolean allows(String channel) {
        return allowsAny() || (channel != null && allowed.contains(key(channel)));
    }

    /**
     * @throws InvalidApprovalRequest naming each refused channel and what is allowed, before anything is stored
     */
    public void check(RequestSpec spec) {
        if (allowsAny()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        if (spec.channel() != null && !allows(spec.channel())) {
            problems.add("channel " + quoted(spec.channel()) + " is not one Countersign may post to; " + allowedOnes());
        }
        if (spec.reminders() != null) {
            for (String contact : spec.reminders().escalateTo()) {
                if (contact != null && Reminders.isChannel(contact) && !allows(contact)) {
                    problems.add("reminders.escalateTo channel " + quoted(contact) + " is not one Countersign may "
                            + "post to; " + allowedOnes());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidApprovalRequest(problems);
        }
    }

    private String allowedOnes() {
        return "allowed: " + String.join(", ", shown) + " (COUNTERSIGN_SLACK_ALLOWED_CHANNELS)";
    }

    private static String key(String channel) {
        String name = channel.strip();
        return (name.startsWith("#") ? name.substring(1) : name).toLowerCase(Locale.ROOT);
    }

    /** What the caller sent, kept short and on one line in the problem that quotes it. */
    private static String quoted(String value) {
        String flat = value.replaceAll("\\p{Cntrl}", " ");
        return "'" + (flat.length() > 80 ? flat.substring(0, 80) + "…" : flat) + "'";
    }

    @Override
    public String toString() {
        return allowsAny() ? "any channel" : String.join(", ", shown);
    }
}
