package dev.countersign.api;

import static dev.countersign.api.ApiClient.REQUESTS;
import static dev.countersign.api.NewRequestBody.request;
import static dev.countersign.api.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/requests}: newest first, filtered, paged with a cursor that visits every request once. */
@RunningApp
class RequestListingApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ApiClient api;
    private Cast cast;

    @BeforeEach
    void connect() {
        api = ApiClient.onPort(port);
        cast = Cast.fresh();
    }

    @Test
    void listsNewestFirst() {
        // given
        List<String> created = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            created.add(create(request("Deploy " + i, cast.alice()).level(1, cast.bob())));
        }

        // when
        ApiClient.Answer page = api.get(REQUESTS + "?requester=" + encode(cast.alice()));

        // then
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().propertyNames()).containsExactlyInAnyOrder("items", "nextCursor");
        assertThat(ids(page.json())).containsExactlyElementsOf(created.reversed());
        assertThat(page.json().path("nextCursor").isNull()).isTrue();
        assertThat(page.json().path("items").get(0).path("title").asString()).isEqualTo("Deploy 4");
    }

    @Test
    void filtersByStatus() {
        // given one request in each state a caller can bring about
        String pending = create(request("Pending", cast.alice()).level(1, cast.bob()));
        String approved = create(request("Approved", cast.alice()).level(1, cast.bob()));
        api.approve(approved, cast.bob());
        String rejected = create(request("Rejected", cast.alice()).level(1, cast.bob()));
        api.decide(rejected, cast.bob(), "reject", "no");
        String cancelled = create(request("Cancelled", cast.alice()).level(1, cast.bob()));
        api.cancel(cancelled);

        // when
        String mine = REQUESTS + "?requester=" + encode(cast.alice()) + "&status=";

        // then
        assertThat(ids(api.get(mine + "pending").json())).containsExactly(pending);
        assertThat(ids(api.get(mine + "approved").json())).containsExactly(approved);
        assertThat(ids(api.get(mine + "rejected").json())).containsExactly(rejected);
        assertThat(ids(api.get(mine + "cancelled").json())).containsExactly(cancelled);
        assertThat(ids(api.get(mine + "expired").json())).isEmpty();
        assertThat(api.get(mine + "approved")
                        .json()
                        .path("items")
                        .get(0)
                        .path("status")
                        .asString())
                .isEqualTo("approved");
    }

    @Test
    void filtersByApproverOnAnyLevel() {
        // given
        String bobFirst =
                create(request("Bob first", cast.alice()).level(1, cast.bob()).level(1, cast.erin()));
        String erinOnly = create(request("Erin only", cast.alice()).level(1, cast.erin()));
        create(request("Carol only", cast.alice()).level(1, cast.carol()));

        // when
        ApiClient.Answer erins = api.get(REQUESTS + "?approver=" + encode(cast.erin()));
        ApiClient.Answer bobs = api.get(REQUESTS + "?approver=" + encode(cast.bob()));

        // then
        assertThat(ids(erins.json())).containsExactly(erinOnly, bobFirst);
        assertThat(ids(bobs.json())).containsExactly(bobFirst);
    }

    @Test
    void filtersByRequesterAndCombinesFilters() {
        // given
        String alices = create(request("Alice's", cast.alice()).level(1, cast.bob()));
        String mallorys = create(request("Mallory's", cast.mallory()).level(1, cast.bob()));

        // when
        ApiClient.Answer byAlice = api.get(REQUESTS + "?requester=" + encode(cast.alice()));
        ApiClient.Answer byMalloryForBob = api.get(REQUESTS + "?requester=" + encode(cast.mallory()) + "&approver="
                + encode(cast.bob()) + "&status=pending");
        ApiClient.Answer byMalloryForCarol =
                api.get(REQUESTS + "?requester=" + encode(cast.mallory()) + "&approver=" + encode(cast.carol()));

        // then
        assertThat(ids(byAlice.json())).containsExactly(alices);
        assertThat(ids(byMalloryForBob.json())).containsExactly(mallorys);
        assertThat(ids(byMalloryForCarol.json())).isEmpty();
    }

    @Test
    void limitCutsThePageAndTheCursorContinuesIt() {
        // given
        String first = create(request("1", cast.alice()).level(1, cast.bob()));
        String second = create(request("2", cast.alice()).level(1, cast.bob()));
        String third = create(request("3", cast.alice()).level(1, cast.bob()));

        // when
        JsonNode page1 =
                api.get(REQUESTS + "?limit=2&requester=" + encode(cast.alice())).json();
        JsonNode page2 = api.get(REQUESTS + "?limit=2&requester=" + encode(cast.alice()) + "&cursor="
                        + page1.path("nextCursor").asString())
                .json();

        // then
        assertThat(ids(page1)).containsExactly(third, second);
        assertThat(page1.path("nextCursor").isNull()).isFalse();
        assertThat(ids(page2)).containsExactly(first);
        assertThat(page2.path("nextCursor").isNull()).isTrue();
    }

    @Test
    void cursorPagesThroughEveryStoredRequestExactlyOnceNewestFirst() {
        // given some requests besides whatever other tests stored
        for (int i = 0; i < 12; i++) {
            create(request("Paged " + i, cast.alice()).level(1, cast.bob()));
        }
        List<String> stored =
                jdbc.sql("select id from approval_request").query(String.class).list();

        // when
        List<JsonNode> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ApiClient.Answer page = api.get(REQUESTS + "?limit=5" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.json().path("items").size()).isBetween(1, 5);
            page.json().path("items").forEach(walked::add);
            cursor = page.json().path("nextCursor").isNull()
                    ? null
                    : page.json().path("nextCursor").asString();
            assertThat(++pages).as("pages walked").isLessThanOrEqualTo(stored.size());
        } while (cursor != null);

        // then
        List<String> ids = walked.stream().map(r -> r.path("id").asString()).toList();
        assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(stored);
        assertThat(walked.stream()
                        .map(r -> Instant.parse(r.path("createdAt").asString()))
                        .toList())
                .isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "status=bogus               | status",
                "status=                    | status",
                "limit=0                    | limit",
                "limit=201                  | limit",
                "limit=ten                  | limit",
                "cursor=not-a-cursor        | cursor",
                "cursor=bm90fGEgY3Vyc29y    | cursor",
                "approver=not-an-email      | not-an-email",
            })
    void unusableQueryIsABadRequestThatSaysWhatToFix(String query, String named) {
        // when
        ApiClient.Answer answer = api.get(REQUESTS + "?" + query);

        // then
        assertThatProblem(answer).is(400).detailContains(named);
    }

    @Test
    void cursorOfAnotherShapeIsABadRequest() {
        // given a cursor that decodes, but to something this API never handed out
        String forged = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("yesterday|abc".getBytes(StandardCharsets.UTF_8));

        // when
        ApiClient.Answer answer = api.get(REQUESTS + "?cursor=" + forged);

        // then
        assertThatProblem(answer).is(400).detailContains("cursor");
    }

    /** Every request by {@code requester}, newest first, walking all pages. */
    static List<String> idsRequestedBy(ApiClient api, String requester) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            ApiClient.Answer page = api.get(REQUESTS + "?limit=200&requester=" + encode(requester)
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            ids.addAll(ids(page.json()));
            cursor = page.json().path("nextCursor").isNull()
                    ? null
                    : page.json().path("nextCursor").asString();
        } while (cursor != null);
        return ids;
    }

    static List<String> ids(JsonNode page) {
        return page.path("items")
                .valueStream()
                .map(r -> r.path("id").asString())
                .toList();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String create(NewRequestBody body) {
        return api.create(body).path("id").asString();
    }
}
