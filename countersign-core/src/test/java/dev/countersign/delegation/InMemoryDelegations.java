package dev.countersign.delegation;

import dev.countersign.approval.Email;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@link Delegations} in a list, for unit tests of the rules that read them. */
final class InMemoryDelegations implements Delegations {

    private final List<Delegation> all = new ArrayList<>();

    void add(Delegation delegation) {
        all.removeIf(d -> d.id().equals(delegation.id()));
        all.add(delegation);
    }

    @Override
    public Optional<Delegation> find(String id) {
        return all.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    @Override
    public DelegationQuery.Page search(DelegationQuery query) {
        return new DelegationQuery.Page(all.stream()
                .filter(d -> query.from() == null || d.from().equals(query.from()))
                .filter(d -> query.to() == null || d.to().equals(query.to()))
                .filter(d -> query.activeAt() == null || d.activeAt(query.activeAt()))
                .sorted(Comparator.comparing(Delegation::createdAt).reversed())
                .limit(query.limit())
                .toList(), null);
    }

    @Override
    public List<Delegation> activeFrom(List<Email> principals, Instant at) {
        return all.stream().filter(d -> principals.contains(d.from()) && d.activeAt(at)).toList();
    }

    @Override
    public List<Delegation> activeTo(List<Email> proxies, Instant at) {
        return all.stream().filter(d -> proxies.contains(d.to()) && d.activeAt(at)).toList();
    }
}
