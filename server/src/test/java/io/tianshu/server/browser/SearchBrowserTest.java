package io.tianshu.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.tianshu.server.ServerTestSupport;
import io.tianshu.server.WorkbenchClient;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Drives the document search page in headless Chromium: search 发热 from the menu, see the count and
 * the marked words, switch to all mentions and see the count grow by the denied fevers, read why a
 * query cannot be read, and open a hit in the patient's document viewer at the words.
 */
class SearchBrowserTest extends ServerTestSupport {

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @LocalServerPort int port;

  @Test
  void searchMarkSwitchModeAndOpenTheNote() throws IOException {
    Path chromium = Browsers.chromium();
    WorkbenchClient api = new WorkbenchClient(port);
    api.login(ADMIN, ADMIN_PASSWORD);
    long affirmed = total(api, "affirmed");
    long all = total(api, "all");
    // The synthetic notes deny fever often (无发热): the two modes must differ for this test to mean
    // anything.
    assertThat(affirmed).isPositive();
    assertThat(all).isGreaterThan(affirmed);
    String base = "http://localhost:" + port;

    try (Playwright playwright = Browsers.playwright();
        Browser browser = Browsers.launch(playwright, chromium)) {
      Page page = Browsers.loggedIn(browser, base, ADMIN, ADMIN_PASSWORD);
      Files.createDirectories(SCREENSHOTS);

      page.getByTestId("menu-document-search").click();
      page.waitForURL("**/search");
      page.getByTestId("doc-search-input").fill("发热");
      page.getByTestId("doc-search-input").press("Enter");
      Locator total = page.locator("[data-testid=doc-search-total][data-mode=AFFIRMED]");
      total.waitFor();
      assertThat(total.getAttribute("data-total")).isEqualTo(String.valueOf(affirmed));
      assertThat(total.innerText()).contains(String.valueOf(affirmed), "篇文书");
      Locator marks = page.getByTestId("doc-search-mark");
      marks.first().waitFor();
      assertThat(marks.allInnerTexts()).isNotEmpty().allSatisfy(m -> assertThat(m).isEqualTo("发热"));
      assertThat(page.getByTestId("doc-search-hit").count()).isPositive();
      screenshot(page, "document-search.png");
      // A one-word search can start a cohort: the builder gets the words and the mode.
      assertThat(page.getByTestId("doc-search-cohort").getAttribute("href"))
          .isEqualTo("/research/cohorts/new?noteText=%E5%8F%91%E7%83%AD&mode=affirmed");

      // All mentions: the count grows by the documents that only deny or recount a fever.
      page.getByTestId("doc-search-mode-all").click();
      Locator allTotal = page.locator("[data-testid=doc-search-total][data-mode=ALL]");
      allTotal.waitFor();
      assertThat(allTotal.getAttribute("data-total")).isEqualTo(String.valueOf(all));
      assertThat(page.url()).contains("mode=all");
      page.locator("[data-testid=doc-search-fact][data-masked=true]").first().waitFor();

      // A query that cannot be read says why, in the page.
      page.getByTestId("doc-search-input").fill("发热 AND");
      page.getByTestId("doc-search-input").press("Enter");
      Locator error = page.getByTestId("doc-search-error");
      error.waitFor();
      assertThat(error.innerText()).contains("ends too early");

      // Back to 发热; the first hit opens the note in the record, the words highlighted.
      page.getByTestId("doc-search-input").fill("发热");
      page.getByTestId("doc-search-mode-affirmed").click();
      page.getByTestId("doc-search-input").press("Enter");
      page.locator("[data-testid=doc-search-total][data-mode=AFFIRMED]").waitFor();
      error.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
      page.getByTestId("doc-search-open").first().click();
      page.waitForURL(url -> url.contains("/patients/") && url.contains("?doc="));
      Locator highlight = page.getByTestId("document-highlight");
      highlight.waitFor();
      assertThat(highlight.innerText()).isEqualTo("发热");
      screenshot(page, "document-search-open.png");
    }
  }

  private static long total(WorkbenchClient api, String mode) {
    JsonNode page =
        api.get(
                "/api/search/documents?size=1&mode="
                    + mode
                    + "&q="
                    + URLEncoder.encode("发热", StandardCharsets.UTF_8))
            .body();
    return page.get("total").asLong();
  }

  private static void screenshot(Page page, String name) {
    page.evaluate(
        "() => Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))");
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name)).setFullPage(false));
  }
}
