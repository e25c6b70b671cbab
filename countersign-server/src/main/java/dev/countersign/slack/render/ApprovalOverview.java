package dev.countersign.slack.render;

import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.Email;
import dev.countersign.approval.RequestPage;
import dev.countersign.approval.RequestQuery;
import dev.countersign.approval.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One person's two lists, as {@code /approvals} and the App Home tab show them: what waits for their decision (or
 * for the decision of someone they are a delegate of: {@code onBehalfOf} says whose, by request id), and their own
 * requests still open. Each list holds the newest {@link #SHOWN}; {@code more…} says whether there are others
 * (Slack caps the blocks of a message and of a view).
 */
public record ApprovalOverview(
        Email person,
        List<ApprovalRequest> awaitingYou,
        boolean moreAwaiting,
        List<ApprovalRequest> yourOpen,
        boolean moreOpen,
        Map<String, Email> onBehalfOf) {

    static final int SHOWN = 10;

    public ApprovalOverview {
        awaitingYou = List.copyOf(awaitingYou);
        yourOpen = List.copyOf(yourOpen);
        onBehalfOf = Map.copyOf(onBehalfOf);
    }

    /**
     * Indexed queries: the person's pending decisions, those of each person they may act for ({@code principals}),
     * and the person's open requests. A request is offered to them as a delegate only where the core says they
     * {@linkplain ApprovalRequest#mayDecideOnBehalf may decide on someone's behalf}.
     */
    public static ApprovalOverview of(Email person, Set<Email> principals, ApprovalRequests requests) {
        List<ApprovalRequest> awaiting = new ArrayList<>(requests.awaitingDecisionBy(person, SHOWN + 1));
        Set<String> listed = new HashSet<>();
        awaiting.forEach(request -> listed.add(request.id().value()));
        Map<String, Email> onBehalfOf = new HashMap<>();
        principals.stream()
                .sorted(Comparator.comparing(Email::value))
                .forEach(principal -> requests.awaitingDecisionBy(principal, SHOWN + 1).stream()
                        .filter(request -> request.mayDecideOnBehalf(person))
                        .filter(request -> listed.add(request.id().value()))
                        .forEach(request -> {
                            awaiting.add(request);
                            onBehalfOf.put(request.id().value(), principal);
                        }));
        awaiting.sort(Comparator.comparing(ApprovalRequest::createdAt).reversed());
        RequestPage open = requests.search(new RequestQuery(Status.PENDING, null, person, SHOWN, null));
        List<ApprovalRequest> shown = awaiting.subList(0, Math.min(SHOWN, awaiting.size()));
        onBehalfOf
                .keySet()
                .retainAll(shown.stream().map(request -> request.id().value()).toList());
        return new ApprovalOverview(
                person, shown, awaiting.size() > SHOWN, open.items(), open.next() != null, onBehalfOf);
    }
}
