package io.tianshu.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.tianshu.ingest.staging.IncomingMessage;
import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.server.ServerTestSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Drives the data-integration page: a message quarantined for an impossible admission date shows
 * with its code and reason under its source, and replaying it with the date corrected in the
 * payload editor takes it out of the quarantine.
 */
class IntegrationBrowserTest extends ServerTestSupport {

  private static final String CONTROL_ID = "HIS-20261120-0777";

  @LocalServerPort int port;

  @Autowired IngestFeed feed;

  @Test
  void quarantinedMessageIsCorrectedAndReplayed() throws IOException {
    Path chromium = Browsers.chromium();
    String broken =
        Files.readString(Path.of("src/test/resources/ingest/adt-a01-invalid-admit-date.hl7"))
            .replace("HIS-20261120-0099", CONTROL_ID)
            .replace("0099999^^^HIS^MR", "0077777^^^HIS^MR")
            .replace("V2026112099", "V2026112077");
    feed.stage(
        List.of(
            new IncomingMessage(
                "browser-test", broken.getBytes(StandardCharsets.UTF_8), Instant.now())));
    feed.applyPending();
    String base = "http://localhost:" + port;

    try (Playwright playwright = Browsers.playwright();
        Browser browser = Browsers.launch(playwright, chromium)) {
      Page page = Browsers.loggedIn(browser, base, ADMIN, ADMIN_PASSWORD);
      page.getByTestId("menu-integration").click();
      page.waitForURL("**/integration");
      Locator sources = page.getByTestId("ingest-sources");
      page.waitForCondition(() -> sources.innerText().contains("HIS/市第一人民医院"));
      Locator row =
          page.getByTestId("ingest-quarantine")
              .locator("tr", new Locator.LocatorOptions().setHasText(CONTROL_ID));
      row.waitFor();
      assertThat(row.innerText()).contains("TS-INGEST-040", "PV1-44");
      Files.createDirectories(Path.of("target", "screenshots"));
      page.screenshot(
          new Page.ScreenshotOptions()
              .setPath(Path.of("target", "screenshots", "integration.png")));

      row.getByTestId("ingest-replay").click();
      Locator payload = page.getByTestId("ingest-payload");
      payload.waitFor();
      Browsers.settled(page);
      assertThat(payload.inputValue()).contains("2023-13-40");
      payload.fill(payload.inputValue().replace("2023-13-40", "20261120080000"));
      page.getByTestId("ingest-replay-corrected").click();
      page.waitForCondition(
          () ->
              !page.getByTestId("ingest-quarantine").innerText().contains(CONTROL_ID)
                  && page.getByTestId("ingest-payload").count() == 0);
    }
  }

  @Test
  void aFeedFileIsImportedThroughTheUploadCard() {
    Path chromium = Browsers.chromium();
    String base = "http://localhost:" + port;
    try (Playwright playwright = Browsers.playwright();
        Browser browser = Browsers.launch(playwright, chromium)) {
      Page page = Browsers.loggedIn(browser, base, ADMIN, ADMIN_PASSWORD);
      page.getByTestId("menu-integration").click();
      page.waitForURL("**/integration");
      Locator card = page.getByTestId("ingest-upload");
      card.locator("input[type=file]")
          .setInputFiles(Path.of("src/test/resources/ingest/feed/04-adt-a02-wang-wu.hl7"));
      Locator result = page.getByTestId("ingest-upload-result");
      result.waitFor();
      assertThat(result.innerText()).contains("04-adt-a02-wang-wu.hl7").contains("收到 1");
    }
  }
}
