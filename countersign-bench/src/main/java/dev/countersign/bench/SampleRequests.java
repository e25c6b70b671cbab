package dev.countersign.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The requests the scenarios create: shaped like a CI pipeline's, small enough to measure the server, not JSON. */
final class SampleRequests {

    /** The one approver of {@link #singleApprover}; approving once ends such a request. */
    static final String APPROVER = "approver@bench.example";

    private SampleRequests() {}

    /** A deploy with two levels (one of two leads, then the release manager), as in the README's example. */
    static Map<String, Object> deploy(long n) {
        Map<String, Object> request = base("Deploy service-" + (n % 50) + " build " + n + " to production");
        request.put("fields", Map.of("service", "service-" + (n % 50), "build", Long.toString(n)));
        request.put(
                "levels",
                List.of(
                        Map.of("approvers", List.of("lead-a@bench.example", "lead-b@bench.example"), "required", 1),
                        Map.of("approvers", List.of("release@bench.example"), "required", "all")));
        return request;
    }

    /** A request that one approval by {@link #APPROVER} ends. */
    static Map<String, Object> singleApprover(long n) {
        Map<String, Object> request = base("Bench release " + n);
        request.put("levels", List.of(Map.of("approvers", List.of(APPROVER), "required", 1)));
        return request;
    }

    /** A request that every one of {@code approvers} must approve, by {@code requester}: one Slack DM each. */
    static Map<String, Object> everyoneApproves(long n, List<String> approvers, String requester) {
        Map<String, Object> request = base("Deploy service-" + (n % 50) + " build " + n + " to production");
        request.put("requester", requester);
        request.put("fields", Map.of("service", "service-" + (n % 50), "build", Long.toString(n)));
        request.put("levels", List.of(Map.of("approvers", approvers, "required", "all")));
        return request;
    }

    private static Map<String, Object> base(String title) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", "deploy");
        request.put("title", title);
        request.put("requester", "pipeline@bench.example");
        request.put("mode", "standard");
        return request;
    }
}
