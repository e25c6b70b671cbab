package dev.countersign.api;

import static dev.countersign.api.ApiClient.REQUESTS;
import static dev.countersign.api.NewRequestBody.request;
import static dev.countersign.api.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.CountersignProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * Without {@code COUNTERSIGN_API_TOKEN} (set blank here, so that the machine's environment cannot leak in), the
 * server generates a token into {@code <data dir>/api-token}, readable by its owner only, for the CLI next to it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "countersign.api-token=")
@ContextConfiguration(initializers = FreshDataDirectory.class)
class GeneratedApiTokenIT {

    @LocalServerPort
    int port;

    @Autowired
    CountersignProperties properties;

    private Path tokenFile;
    private String token;

    @BeforeEach
    void readTheGeneratedToken() throws IOException {
        tokenFile = properties.dataDir().resolve("api-token");
        token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
    }

    @Test
    void generatedTokenIsLongRandomAndOnlyForItsOwner() throws IOException {
        // then
        assertThat(token).hasSizeGreaterThanOrEqualTo(32).doesNotContainAnyWhitespaces();
        assertThat(Files.getPosixFilePermissions(tokenFile))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void generatedTokenOpensTheApiAndNothingElseDoes() {
        // given
        ApiClient api = ApiClient.onPort(port, token);

        // when
        ApiClient.Answer withToken = api.get(REQUESTS);
        ApiClient.Answer withoutToken = api.withToken(null).get(REQUESTS);
        ApiClient.Answer withTheTestsToken = api.withToken(RunningApp.TOKEN).get(REQUESTS);

        // then
        assertThat(withToken.status()).isEqualTo(200);
        assertThatProblem(withoutToken).is(401);
        assertThatProblem(withTheTestsToken).is(401);
    }

    @Test
    void generatedTokenNeverComesBackInAnAnswer() {
        // given
        ApiClient api = ApiClient.onPort(port, token);
        Cast cast = Cast.fresh();

        // when a whole journey and a few failures happen
        String id = api.create(request("Deploy", cast.alice()).level(1, cast.bob()))
                .path("id")
                .asString();
        api.approve(id, cast.bob());
        api.get(REQUESTS + "/" + id + "/events");
        api.get(REQUESTS + "/" + id + "/wait?timeout=1s");
        api.get(REQUESTS);
        api.withToken(token + "x").get(REQUESTS);
        api.withToken(null).get(REQUESTS);
        api.post(REQUESTS, "{");
        api.get("/v3/api-docs");

        // then
        assertThat(api.answersSeen()).hasSize(9).allSatisfy(answer -> {
            assertThat(answer.body()).doesNotContain(token);
            assertThat(answer.headers().map().toString()).doesNotContain(token);
        });
    }
}
