package dev.countersign.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.composition.BlockCompositions;
import dev.countersign.api.ApiClient;
import dev.countersign.api.NewRequestBody;
import dev.countersign.emulator.EmulatedUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox page in a real browser (Debian's Chromium, driven by Playwright) against the whole demo: the
 * service in this JVM and the emulated Slack with the demo people and example requests. A person picks someone,
 * reads their DM and clicks; the message changes as Countersign redraws it.
 */
class SandboxInChromiumIT {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

    @TempDir
    static Path data;

    private static Demo demo;
    private static Playwright playwright;
    private static Browser browser;
    private Page page;
    private final List<String> pageErrors = new ArrayList<>();

    @BeforeAll
    static void start() {
        assertThat(Files.isExecutable(CHROMIUM))
                .as(
                        "this test drives Debian's Chromium at %s; ./run-tests installs it (apt-get install chromium)",
                        CHROMIUM)
                .isTrue();
        demo = Demo.start(new Demo.Settings(0, 0, data.resolve("demo-data"), false));
        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(CHROMIUM)
                        .setHeadless(true)
                        .setArgs(List.of(
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-quic",
                                "--no-first-run",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync")));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (demo != null) {
            demo.close();
        }
    }

    @BeforeEach
    void openPage() {
        page = browser.newPage();
        page.onPageError(pageErrors::add);
        page.setDefaultTimeout(20_000);
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        page.navigate(demo.sandboxUrl().toString());
    }

    @AfterEach
    void closePage() {
        page.close();
        assertThat(pageErrors).as("script errors on the page").isEmpty();
    }

    @Test
    void anApproverApprovesFromTheirDmAndSeesTheMessageRedrawn() {
        // given: Bob's DM asks him to approve the deploy
        pick(demo.people().firstApprover());
        Locator request = message("Deploy billing-api v2.4.0 to production");
        PlaywrightAssertions.assertThat(request.locator(".block-header"))
                .hasText("Deploy billing-api v2.4.0 to production");
        PlaywrightAssertions.assertThat(request).containsText("billing-api");
        PlaywrightAssertions.assertThat(
                        request.locator("strong", new Locator.LocatorOptions().setHasText("PDF export")))
                .isVisible();
        PlaywrightAssertions.assertThat(request.locator("code")).hasText("v2.3.9");

        // when: he clicks Approve and confirms in the dialog
        request.locator("button.primary", new Locator.LocatorOptions().setHasText("Approve"))
                .click();
        Locator confirm = page.locator(".confirm-dialog");
        PlaywrightAssertions.assertThat(confirm).containsText("Approve this request?");
        confirm.locator("button.confirm").click();

        // then: the buttons are gone and the message says who approved
        PlaywrightAssertions.assertThat(request).containsText("Level 1 approved by");
        PlaywrightAssertions.assertThat(request).containsText("Bob Martin");
        PlaywrightAssertions.assertThat(request).containsText("(edited)");
        PlaywrightAssertions.assertThat(request.locator("button", new Locator.LocatorOptions().setHasText("Approve")))
                .hasCount(0);
        PlaywrightAssertions.assertThat(page.locator("#activity-list")).containsText("HTTP 200");

        // and: Dave, on level 2, is asked now
        pick(demo.people().finalApprover());
        PlaywrightAssertions.assertThat(message("Deploy billing-api v2.4.0 to production")
                        .locator("button", new Locator.LocatorOptions().setHasText("Approve")))
                .isVisible();
    }

    @Test
    void anApproverRejectsWithAReasonGivenInAModalAndTheRequesterIsTold() {
        // given
        pick(demo.people().secondApprover());
        Locator request = message("Read access to the analytics database for Alice");

        // when: Reject opens the modal; she gives a reason and submits
        request.locator("button.danger", new Locator.LocatorOptions().setHasText("Reject"))
                .click();
        Locator modal = page.locator(".view-dialog");
        PlaywrightAssertions.assertThat(modal.locator("h3")).hasText("Reject request");
        modal.locator("textarea").fill("Use the anonymised replica instead");
        modal.locator("button.view-submit").click();

        // then: the modal closes, her message says it is rejected and why, and Alice hears about it
        PlaywrightAssertions.assertThat(modal).hasCount(0);
        PlaywrightAssertions.assertThat(request).containsText("Rejected");
        PlaywrightAssertions.assertThat(request).containsText("Use the anonymised replica instead");
        PlaywrightAssertions.assertThat(request.locator("button", new Locator.LocatorOptions().setHasText("Reject")))
                .hasCount(0);
        pick(demo.people().requester());
        PlaywrightAssertions.assertThat(page.locator("#conversation")).containsText("Your request was declined");
    }

    @Test
    void cancellingTheConfirmDialogSendsNothing() {
        // given
        pick(demo.people().firstApprover());
        Locator request = message("Roll back checkout-web to v1.8.2");
        PlaywrightAssertions.assertThat(request).containsText("Urgent");

        // when
        request.locator("button.primary", new Locator.LocatorOptions().setHasText("Approve"))
                .click();
        page.locator(".confirm-dialog button.deny").click();

        // then
        PlaywrightAssertions.assertThat(page.locator(".confirm-dialog")).hasCount(0);
        PlaywrightAssertions.assertThat(page.locator("#activity-list li")).hasCount(0);
        PlaywrightAssertions.assertThat(request.locator("button", new Locator.LocatorOptions().setHasText("Approve")))
                .isVisible();
    }

    @Test
    void textFromARequestIsShownAsTextNeverRunAsMarkup() {
        // given: a request whose title and fields carry markup
        ApiClient api = ApiClient.onPort(demo.serviceUrl().getPort(), token());
        String title = "Deploy <img src=x onerror=\"document.title='pwned'\"> & <b>more</b>";
        api.create(NewRequestBody.request(title, demo.people().requester().email())
                .field("Script", "<script>document.title='pwned'</script>")
                .level(1, demo.people().executor().email()));

        // when
        pick(demo.people().executor());

        // then
        Locator request = message("Deploy <img");
        PlaywrightAssertions.assertThat(request.locator(".block-header")).hasText(title);
        PlaywrightAssertions.assertThat(request).containsText("<script>document.title='pwned'</script>");
        assertThat(request.locator("img, b, script").count()).isZero();
        assertThat(page.title()).isNotEqualTo("pwned");
    }

    @Test
    void mrkdwnIsDrawnAsSlackDrawsItAndOnlyWebLinksBecomeLinks() throws Exception {
        // given: a message straight through the Web API, as any Slack app may send one
        EmulatedUser erin = demo.people().delegate();
        String mrkdwn = "*bold* _italic_ `code` <https://example.com/a?b=1&amp;c=2|a link> "
                + "https://example.org/x\nsecond line <@"
                + demo.people().requester().id() + "> "
                + "<javascript:alert(1)|click me> 1 &lt; 2";
        try (Slack sdk = Slack.getInstance(sdkConfig())) {
            var posted = sdk.methods(demo.slack().botToken())
                    .chatPostMessage(r -> r.channel(erin.id())
                            .text("markup test")
                            .blocks(List.of(
                                    Blocks.header(h -> h.text(BlockCompositions.plainText("Markup <b>test</b>"))),
                                    Blocks.section(x -> x.text(BlockCompositions.markdownText(mrkdwn))),
                                    Blocks.divider(),
                                    Blocks.context(c ->
                                            c.elements(List.of(BlockCompositions.markdownText("_small print_")))))));
            assertThat(posted.isOk()).as(posted.getError()).isTrue();
        }

        // when
        pick(erin);

        // then
        Locator text =
                message("Markup <b>test</b>").locator(".block-section .text").first();
        PlaywrightAssertions.assertThat(text.locator("strong")).hasText("bold");
        PlaywrightAssertions.assertThat(text.locator("em")).hasText("italic");
        PlaywrightAssertions.assertThat(text.locator("code")).hasText("code");
        PlaywrightAssertions.assertThat(text.locator("a", new Locator.LocatorOptions().setHasText("a link")))
                .hasAttribute("href", "https://example.com/a?b=1&c=2");
        PlaywrightAssertions.assertThat(text.locator("a[href='https://example.org/x']"))
                .hasCount(1);
        PlaywrightAssertions.assertThat(text.locator("br")).hasCount(1);
        PlaywrightAssertions.assertThat(text.locator(".mention"))
                .hasText("@" + demo.people().requester().realName());
        PlaywrightAssertions.assertThat(text).containsText("click me");
        PlaywrightAssertions.assertThat(text).containsText("1 < 2");
        assertThat(page.locator("a[href^='javascript']").count()).isZero();
        PlaywrightAssertions.assertThat(message("Markup <b>test</b>").locator("hr.block-divider"))
                .hasCount(1);
        PlaywrightAssertions.assertThat(message("Markup <b>test</b>").locator(".block-context em"))
                .hasText("small print");
    }

    private static SlackConfig sdkConfig() {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(demo.slack().apiUrl());
        return config;
    }

    private void pick(EmulatedUser user) {
        page.locator("[data-user-id='" + user.id() + "']").click();
        PlaywrightAssertions.assertThat(page.locator("#conversations-title")).containsText(user.realName());
    }

    /** The message in the open conversation whose header is this title. */
    private Locator message(String title) {
        Locator message = page.locator(
                "#conversation > .message",
                new Page.LocatorOptions()
                        .setHas(page.locator(".block-header", new Page.LocatorOptions().setHasText(title))));
        PlaywrightAssertions.assertThat(message).hasCount(1);
        return message;
    }

    private static String token() {
        try {
            return Files.readString(demo.dataDir().resolve("api-token")).strip();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
