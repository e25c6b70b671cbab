package dev.countersign.delegation;

import dev.countersign.approval.Email;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@link Delegations} in a list, for unit tests of the rules that read them. */
final class InMemoryDelegations implements Delegations {

    private final List<Delegation> all = new ArrayList<>();
    private final Set<String> startAnnounced = new HashSet<>();
    private final Set<String> endAnnounced = new HashSet<>();

    void add(Delegation delegation) {
        all.removeIf(d -> d.id().equals(delegation.id()));
        all.add(delegation);
    }

    @Override
    public void add(Delegation delegation, boolean announceStart) {
        add(delegation);
        if (announceStart) {
            startAnnounced.add(delegation.id());
        }
    }

    @Override
    public boolean revoke(Delegation revoked) {
        Optional<Delegation> current = find(revoked.id());
        if (current.isEmpty() || current.get().revokedAt() != null) {
            return false;
        }
        add(revoked);
        endAnnounced.add(revoked.id());
        return true;
    }

    @Override
    public List<Delegation> startedUnannounced(Instant now, int limit) {
        return all.stream()
                .filter(d -> !startAnnounced.contains(d.id())
                        && !d.startsAt().isAfter(now)
                        && d.endsAt().isAfter(now)
                        && d.revokedAt() == null)
                .limit(limit)
                .toList();
    }

    @Override
    public List<Delegation> endedUnannounced(Instant now, int limit) {
        return all.stream()
                .filter(d ->
                        !endAnnounced.contains(d.id()) && !d.endsAt().isAfter(now) && startAnnounced.contains(d.id()))
                .limit(limit)
                .toList();
    }

    @Override
    public boolean markStartAnnounced(String id, Instant now) {
        return startAnnounced.add(id);
    }

    @Override
    public boolean markEndAnnounced(String id, Instant now) {
        return endAnnounced.add(id);
    }

    @Override
    public Optional<Delegation> find(String id) {
        return all.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    @Override
    public DelegationQuery.Page search(DelegationQuery query) {
        return new DelegationQuery.Page(
                all.stream()
                        .filter(d -> query.from() == null || d.from().equals(query.from()))
                        .filter(d -> query.to() == null || d.to().equals(query.to()))
                        .filter(d -> query.activeAt() == null || d.activeAt(query.activeAt()))
                        .sorted(Comparator.comparing(Delegation::createdAt).reversed())
                        .limit(query.limit())
                        .toList(),
                null);
    }

    @Override
    public List<Delegation> activeFrom(List<Email> principals, Instant at) {
        return all.stream()
                .filter(d -> principals.contains(d.from()) && d.activeAt(at))
                .toList();
    }

    @Override
    public List<Delegation> activeTo(List<Email> proxies, Instant at) {
        return all.stream()
                .filter(d -> proxies.contains(d.to()) && d.activeAt(at))
                .toList();
    }
}
