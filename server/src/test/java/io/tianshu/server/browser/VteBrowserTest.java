package io.tianshu.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.tianshu.cds.vte.ward.VteWard;
import io.tianshu.server.ServerTestSupport;
import io.tianshu.server.WorkbenchClient;
import io.tianshu.server.vte.CurrentInpatients;
import io.tianshu.store.CdrStore;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Drives the VTE pages of the workbench in headless Chromium: the ward risk list, a patient's
 * assessment with its evidence, a note evidence opened in the document viewer, acknowledging an
 * alert, and the metrics with a drill-down to the stays behind a numerator.
 */
class VteBrowserTest extends ServerTestSupport {

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @LocalServerPort int port;

  @Autowired CdrStore store;
  @Autowired VteWard ward;
  @Autowired Clock clock;

  @Test
  void wardListAssessmentEvidenceAlertAndMetrics() throws IOException {
    Path chromium = Browsers.chromium();
    // The synthetic hospital may have nobody in hospital now: admit our own high-risk patient.
    CurrentInpatients.Inpatient patient = CurrentInpatients.ensure(store, ward, clock);
    WorkbenchClient api = new WorkbenchClient(port);
    api.login(ADMIN, ADMIN_PASSWORD);
    MetricFigure figure = metricWithStays(api);
    String base = "http://localhost:" + port;

    try (Playwright playwright = Browsers.playwright();
        Browser browser = Browsers.launch(playwright, chromium)) {
      Page page = Browsers.loggedIn(browser, base, ADMIN, ADMIN_PASSWORD);
      Files.createDirectories(SCREENSHOTS);

      // (a) The ward list, reached from the VTE menu, lists the patient in hospital.
      page.getByTestId("menu-vte-ward").click();
      page.waitForURL("**/vte/ward");
      Locator rows = page.getByTestId("vte-ward-row");
      rows.first().waitFor();
      assertThat(rows.count()).isPositive();
      Locator row =
          page.locator("[data-testid=vte-ward-row][data-patient-id='" + patient.patientId() + "']");
      assertThat(row.innerText()).contains(patient.name(), "骨科", "Caprini", "极高危", "未预防");
      assertThat(page.getByTestId("vte-count-inHospital").innerText()).containsPattern("[1-9]");
      screenshot(page, "vte-ward.png");

      // (b) Its assessment: the Caprini score and items with their evidence.
      row.click();
      page.waitForURL("**/vte/patients/" + patient.patientId());
      Locator score = page.getByTestId("vte-risk-score");
      score.waitFor();
      assertThat(score.innerText()).contains("Caprini").containsPattern("\\d+\\s*分");
      Locator caprini = page.getByTestId("vte-model-caprini-2005");
      assertThat(caprini.getByTestId("vte-score-caprini-2005").innerText()).containsPattern("\\d");
      Locator fracture =
          caprini.locator("[data-testid=vte-item][data-item-id=fracture_hip_pelvis_leg_1m]");
      assertThat(fracture.getByTestId("vte-evidence").first().innerText()).contains("股骨颈骨折");
      assertThat(caprini.getByTestId("vte-item").count()).isGreaterThanOrEqualTo(2);
      assertThat(page.getByTestId("vte-recommendation").innerText()).contains("药物");
      page.getByTestId("vte-history-row").first().waitFor();
      screenshot(page, "vte-assessment.png");

      // (c) A note evidence opens the admission note with the words highlighted.
      Locator noteLink = caprini.getByTestId("vte-evidence-note-link").first();
      assertThat(noteLink.innerText()).contains("卧床");
      noteLink.click();
      page.waitForURL(url -> url.contains("/patients/" + patient.patientId() + "?doc="));
      Locator highlight = page.getByTestId("document-highlight");
      highlight.waitFor();
      assertThat(highlight.innerText()).contains("卧床");
      assertThat(highlight.isVisible()).isTrue();
      assertThat(page.getByTestId("document-text").innerText()).contains("否认下肢静脉曲张");
      // The NLP findings are marked in the text; a negated one is struck through, with its
      // attributes on hover.
      Locator varices =
          page.locator(
              "[data-testid=note-fact][data-negated=true]",
              new Page.LocatorOptions().setHasText("静脉曲张"));
      assertThat(varices.count()).isPositive();
      assertThat(varices.first().evaluate("e => getComputedStyle(e).textDecorationLine"))
          .isEqualTo("line-through");
      assertThat(varices.first().getAttribute("title")).contains("否定");
      screenshot(page, "vte-note-evidence.png");

      // (d) Acknowledge the NO_PROPHYLAXIS alert: a reason is required.
      page.getByTestId("menu-vte-alerts").click();
      page.waitForURL("**/vte/alerts");
      Locator alert =
          page.locator(
              "[data-testid=vte-alert-row][data-alert-id='"
                  + patient.encounterId()
                  + ":NO_PROPHYLAXIS']");
      alert.waitFor();
      assertThat(alert.innerText()).contains("未预防", patient.name());
      alert.getByTestId("vte-alert-ack-button").click();
      page.getByTestId("vte-ack-submit").waitFor();
      Browsers.settled(page);
      page.getByTestId("vte-ack-submit").click();
      page.getByText("请填写确认原因").first().waitFor();
      String reason = "已开具预防医嘱，待执行（浏览器测试）";
      page.getByTestId("vte-ack-reason").fill(reason);
      page.getByTestId("vte-ack-submit").click();
      page.getByTestId("vte-ack-reason")
          .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
      alert.locator("[data-testid=vte-alert-status][data-status=ACKNOWLEDGED]").waitFor();
      assertThat(alert.getByTestId("vte-alert-status").innerText()).contains("已确认", ADMIN, reason);
      assertThat(alert.getByTestId("vte-alert-ack-button").count()).isZero();
      JsonNode acknowledged = api.get("/api/vte/alerts?status=ACKNOWLEDGED").body();
      assertThat(acknowledged.findValuesAsText("ackReason")).contains(reason);
      screenshot(page, "vte-alerts.png");

      // (e) Metrics: chart and table, and the stays behind a numerator.
      page.getByTestId("menu-vte-metrics").click();
      page.waitForURL("**/vte/metrics");
      page.getByTestId("vte-metrics-chart").locator("canvas").first().waitFor();
      page.getByTestId("vte-metric-row").first().waitFor();
      assertThat(page.getByTestId("vte-metric-row").count()).isGreaterThanOrEqualTo(5);
      Locator month = page.getByTestId("vte-metrics-month");
      if (!month.innerText().contains(figure.month())) {
        month.click();
        page.keyboard().type(figure.month());
        page.keyboard().press("Enter");
      }
      Locator metricRow =
          page.locator("[data-testid=vte-metric-row][data-metric='" + figure.metric() + "']");
      Locator numerator = metricRow.getByTestId("vte-metric-numerator");
      assertThat(numerator.innerText().strip()).isEqualTo(String.valueOf(figure.numerator()));
      assertThat(metricRow.getByTestId("vte-metric-rate").innerText()).contains("%");
      screenshot(page, "vte-metrics.png");
      numerator.click();
      Locator stays = page.getByTestId("vte-stay-row");
      stays.first().waitFor();
      assertThat(stays.count()).isEqualTo((int) Math.min(figure.numerator(), 50));
      assertThat(stays.first().getByTestId("vte-stay-patient").getAttribute("href"))
          .startsWith("/vte/patients/");
      screenshot(page, "vte-metric-stays.png");
    }
  }

  /** A metric, month (in the metrics page's default twelve months) and numerator with stays. */
  private record MetricFigure(String metric, String month, long numerator) {}

  private MetricFigure metricWithStays(WorkbenchClient api) {
    YearMonth now = YearMonth.now(clock);
    JsonNode rows =
        api.get("/api/vte/metrics?byDepartment=false&from=" + now.minusMonths(11) + "&to=" + now)
            .body()
            .get("rows");
    MetricFigure best = null;
    for (JsonNode r : rows) {
      long numerator = r.get("numerator").asLong();
      String month = r.get("month").asText();
      if (numerator > 0 && (best == null || month.compareTo(best.month()) > 0)) {
        best = new MetricFigure(r.get("metric").asText(), month, numerator);
      }
    }
    assertThat(best)
        .as("a VTE metric with stays in its numerator in the last twelve months")
        .isNotNull();
    return best;
  }

  private static void screenshot(Page page, String name) throws IOException {
    // Let loading masks, fades and slides (modal, drawer) finish: the picture shows the page.
    page.evaluate(
        "() => Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))");
    page.locator(".ant-spin-spinning")
        .first()
        .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
    Path shot = SCREENSHOTS.resolve(name);
    page.screenshot(new Page.ScreenshotOptions().setPath(shot).setFullPage(false));
    assertNotBlank(shot);
  }

  /** A blank or single-colour page has a handful of colours; a rendered workbench has hundreds. */
  private static void assertNotBlank(Path png) throws IOException {
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).isNotNull();
    Set<Integer> colours = new HashSet<>();
    long nonWhite = 0;
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        int rgb = image.getRGB(x, y) & 0xFFFFFF;
        colours.add(rgb);
        if (rgb != 0xFFFFFF) {
          nonWhite++;
        }
      }
    }
    long sampled = (long) (image.getHeight() / 2) * (image.getWidth() / 2);
    assertThat(colours.size()).as("distinct colours in the screenshot").isGreaterThan(50);
    assertThat((double) nonWhite / sampled).as("share of non-white pixels").isGreaterThan(0.05);
  }
}
