package dev.countersign.cli;

/** Request JSON as the API answers it, for stub servers and rendering tests. */
final class SampleRequests {

    private SampleRequests() {}

    static String pending(String id) {
        return request(id, "pending", "standard", 1, "pending", "waiting", "[]", "null");
    }

    static String approved(String id) {
        return request(id, "approved", "standard", null, "approved", "approved", """
                [{"approver":"bob@example.com","onBehalfOf":null,"verdict":"approve","reason":null,
                  "at":"2026-01-02T10:05:00Z","via":"api"},
                 {"approver":"dave@example.com","onBehalfOf":"erin@example.com","verdict":"approve",
                  "reason":"fine by me","at":"2026-01-02T10:06:00Z","via":"slack"}]""", "\"2026-01-02T10:06:00Z\"");
    }

    static String rejected(String id) {
        return request(id, "rejected", "standard", null, "rejected", "waiting", """
                [{"approver":"bob@example.com","onBehalfOf":null,"verdict":"reject","reason":"not on a Friday",
                  "at":"2026-01-02T10:05:00Z","via":"api"}]""", "\"2026-01-02T10:05:00Z\"");
    }

    static String withStatus(String id, String status, String mode) {
        return request(id, status, mode, "pending".equals(status) ? 1 : null, "pending", "waiting", "[]", "null");
    }

    private static String request(
            String id,
            String status,
            String mode,
            Integer currentLevel,
            String level1,
            String level2,
            String decisions,
            String decidedAt) {
        return """
                {"id":"%s","type":"deploy","title":"Deploy api v2.3 to prod","description":"Rolls out v2.3",
                 "fields":{"env":"prod","version":"2.3"},"requester":"alice@example.com","mode":"%s",
                 "status":"%s","executable":%s,"currentLevel":%s,
                 "levels":[{"approvers":["bob@example.com","carol@example.com"],"required":1,"status":"%s"},
                           {"approvers":["dave@example.com"],"required":"all","status":"%s"}],
                 "decisions":%s,"executors":["ops@example.com"],"execution":null,
                 "createdAt":"2026-01-02T10:00:00Z","decidedAt":%s,"expiresAt":"2026-01-03T10:00:00Z",
                 "links":{"self":"http://localhost:8080/api/v1/requests/%s",
                          "details":"http://localhost:8080/requests/%s"}}
                """.formatted(
                        id,
                        mode,
                        status,
                        "approved".equals(status) || "urgent".equals(mode),
                        currentLevel == null ? "null" : currentLevel.toString(),
                        level1,
                        level2,
                        decisions,
                        decidedAt,
                        id,
                        id);
    }
}
