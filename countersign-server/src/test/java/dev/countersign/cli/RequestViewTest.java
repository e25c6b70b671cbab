package dev.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RequestViewTest {

    private final JsonMapper mapper = JsonMapper.builder().build();

    @Test
    void showsTitleIdStatusModeAndTheCurrentLevelOfAllLevels() {
        // given
        JsonNode request = mapper.readTree(SampleRequests.pending("r-1"));

        // when
        String text = RequestView.render(request);

        // then
        assertThat(text)
                .startsWith("Deploy api v2.3 to prod\n")
                .containsPattern("id +r-1")
                .containsPattern("status +pending")
                .containsPattern("level +1 of 2")
                .containsPattern("mode +standard")
                .containsPattern("executable +no")
                .containsPattern("fields +env=prod, version=2.3")
                .contains("1. pending   1 of 2 required: bob@example.com, carol@example.com")
                .contains("2. waiting   all of 1 required: dave@example.com")
                .containsPattern("details +http://localhost:8080/requests/r-1");
    }

    @Test
    void listsWhoCouldNotBeToldAndWhy() {
        // given
        JsonNode request = (JsonNode) mapper.readTree(SampleRequests.pending("r-9"));
        ((tools.jackson.databind.node.ObjectNode) request)
                .set(
                        "deliveryProblems",
                        mapper.readTree(
                                "[{\"recipient\":\"ghost@example.com\",\"problem\":\"no Slack account found\",\"at\":\"2026-11-23T10:00:00Z\"}]"));

        // when
        String text = RequestView.render(request);

        // then
        assertThat(text).contains("Not delivered\n  ghost@example.com: no Slack account found\n");
        assertThat(RequestView.render(mapper.readTree(SampleRequests.pending("r-10"))))
                .doesNotContain("Not delivered");
    }

    @Test
    void showsWhoDecidedOnWhoseBehalfWithVerdictAndReason() {
        // given
        JsonNode request = mapper.readTree(SampleRequests.approved("r-2"));

        // when
        String text = RequestView.render(request);

        // then
        assertThat(text)
                .contains("bob@example.com approved (2026-01-02T10:05:00Z, via api)")
                .contains("dave@example.com on behalf of erin@example.com approved: \"fine by me\" "
                        + "(2026-01-02T10:06:00Z, via slack)")
                .containsPattern("executable +yes")
                .doesNotContainPattern("level +\\d");
    }

    @Test
    void showsTheReasonOfARejection() {
        // given
        JsonNode request = mapper.readTree(SampleRequests.rejected("r-3"));

        // when
        String text = RequestView.render(request);

        // then
        assertThat(text).containsPattern("status +rejected").contains("bob@example.com rejected: \"not on a Friday\"");
    }

    @Test
    void listsOneRequestPerLineAndHowToGetTheNextPage() {
        // given
        JsonNode page = mapper.readTree("{\"items\":[" + SampleRequests.pending("r-1") + ","
                + SampleRequests.approved("r-2") + "],\"nextCursor\":\"c-42\"}");

        // when
        String text = RequestView.renderPage(page);

        // then
        assertThat(text.lines()).hasSize(4);
        assertThat(text.lines().toList().get(0))
                .startsWith("ID")
                .contains("STATUS")
                .endsWith("TITLE");
        List<String> lines = text.lines().toList();
        assertThat(lines.get(1).indexOf("pending")).isEqualTo(lines.get(0).indexOf("STATUS"));
        assertThat(lines.get(2).indexOf("Deploy")).isEqualTo(lines.get(0).indexOf("TITLE"));
        assertThat(text)
                .containsPattern("r-1 +pending +1 of 2 +deploy")
                .containsPattern("r-2 +approved +- +deploy")
                .contains("More: countersign list --cursor c-42");
    }

    @Test
    void saysSoWhenNothingMatches() {
        // when
        String text = RequestView.renderPage(mapper.readTree("{\"items\":[],\"nextCursor\":null}"));

        // then
        assertThat(text).isEqualTo("No requests match.\n");
    }
}
