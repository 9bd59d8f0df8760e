package io.tianshu.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.tianshu.server.ServerTestSupport;
import io.tianshu.server.WorkbenchClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Drives the cohort builder in headless Chromium: the live count follows the form, a rule shows in
 * the attrition, saving opens the saved cohort, and a member's row expands to the evidence of each
 * rule. Every figure on screen is checked against the API for the same definition.
 */
class CohortBrowserTest extends ServerTestSupport {

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @LocalServerPort int port;

  @Test
  void buildsSavesAndExplainsACohort() throws IOException {
    Path chromium = Browsers.chromium();
    WorkbenchClient api = new WorkbenchClient(port);
    api.login(ADMIN, ADMIN_PASSWORD);
    Map<String, Object> index =
        Map.of(
            "occurrence",
            "FIRST",
            "criterion",
            Map.of("type", "encounter", "encounterType", List.of("INPATIENT")));
    long inpatients =
        api.post("/api/cohorts/count", Map.of("version", 1, "index", index))
            .body()
            .get("count")
            .asLong();
    long elderly =
        api.post(
                "/api/cohorts/count",
                Map.of(
                    "version",
                    1,
                    "index",
                    index,
                    "rules",
                    List.of(
                        Map.of(
                            "name",
                            "规则 1",
                            "criterion",
                            Map.of("type", "demographics", "age", Map.of("min", 65))))))
            .body()
            .get("count")
            .asLong();
    assertThat(elderly).as("the test hospital has elderly inpatients").isPositive();
    assertThat(elderly).as("and the rule removes someone").isLessThan(inpatients);
    String base = "http://localhost:" + port;

    try (Playwright playwright = Browsers.playwright();
        Browser browser = Browsers.launch(playwright, chromium)) {
      Page page = Browsers.loggedIn(browser, base, ADMIN, ADMIN_PASSWORD);
      Files.createDirectories(SCREENSHOTS);

      page.getByTestId("menu-cohorts").click();
      page.waitForURL("**/research/cohorts");
      page.getByTestId("cohort-new").click();
      page.waitForURL("**/research/cohorts/new");

      // The default index event is every inpatient stay's first admission.
      Locator count = page.getByTestId("cohort-count");
      waitForText(page, count, String.format("%,d", inpatients));

      page.getByTestId("cohort-name").fill("65岁以上住院患者");
      page.getByTestId("cohort-add-rule").click();
      Locator rule = page.getByTestId("cohort-rule-0");
      rule.locator("input[role=spinbutton]").first().fill("65");
      waitForText(page, count, String.format("%,d", elderly));
      assertThat(page.getByTestId("cohort-json").count()).isZero(); // JSON tab not opened
      page.getByTestId("cohort-attrition-chart").waitFor();
      page.getByTestId("cohort-demographics").waitFor();
      screenshot(page, "cohort-builder.png");

      page.getByTestId("cohort-save").click();
      page.waitForURL("**/research/cohorts/coh-*");
      Locator savedCount = page.getByTestId("cohort-count");
      waitForText(page, savedCount, String.format("%,d", elderly));
      Locator members = page.getByTestId("cohort-members");
      members.locator("tbody tr.ant-table-row").first().waitFor();
      assertThat(members.locator("tbody tr.ant-table-row").count())
          .isEqualTo((int) Math.min(10, elderly));
      members.locator(".ant-table-row-expand-icon").first().click();
      Locator evidence = page.getByTestId("cohort-evidence").first();
      evidence.waitFor();
      assertThat(evidence.innerText()).contains("索引事件", "规则 1", "✓");
      screenshot(page, "cohort-members.png");

      // Export: the default dataset, de-identified, downloads as CSV with one row per member.
      page.getByTestId("cohort-export").click();
      page.getByTestId("cohort-export-spec").waitFor();
      Browsers.settled(page);
      Download download = page.waitForDownload(() -> page.getByTestId("cohort-export-run").click());
      List<String> csv = Files.readAllLines(download.path());
      assertThat(csv.get(0)).startsWith("subject_id,index_at,age,sex");
      assertThat(csv).hasSize((int) elderly + 1);
      assertThat(download.suggestedFilename()).endsWith(".csv");

      // The saved cohort is listed.
      page.getByTestId("menu-cohorts").click();
      page.waitForURL("**/research/cohorts");
      waitForText(page, page.getByTestId("cohort-list"), "65岁以上住院患者");
    }
  }

  private static void waitForText(Page page, Locator locator, String text) {
    locator.waitFor();
    page.waitForCondition(() -> locator.innerText().contains(text));
  }

  private static void screenshot(Page page, String name) throws IOException {
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name)).setFullPage(false));
  }
}
