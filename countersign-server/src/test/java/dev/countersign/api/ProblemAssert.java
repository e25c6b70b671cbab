package dev.countersign.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.AbstractAssert;
import tools.jackson.databind.JsonNode;

/** Asserts that an answer is an RFC 9457 problem a caller can act on. */
final class ProblemAssert extends AbstractAssert<ProblemAssert, ApiClient.Answer> {

    private ProblemAssert(ApiClient.Answer answer) {
        super(answer, ProblemAssert.class);
    }

    static ProblemAssert assertThatProblem(ApiClient.Answer answer) {
        return new ProblemAssert(answer);
    }

    /** Status, {@code application/problem+json}, and a body with a title, the same status and a detail. */
    ProblemAssert is(int status) {
        assertThat(actual.status()).as(actual.toString()).isEqualTo(status);
        assertThat(actual.contentType()).as(actual.toString()).startsWith("application/problem+json");
        JsonNode body = actual.json();
        assertThat(body.path("status").asInt()).as(actual.toString()).isEqualTo(status);
        assertThat(body.path("title").asString("")).as(actual.toString()).isNotBlank();
        assertThat(body.path("detail").asString("")).as(actual.toString()).isNotBlank();
        return this;
    }

    ProblemAssert detailContains(String... parts) {
        assertThat(detail()).as(actual.toString()).contains(parts);
        return this;
    }

    String detail() {
        return actual.json().path("detail").asString("");
    }
}
