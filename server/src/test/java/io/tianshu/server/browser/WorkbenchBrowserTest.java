package io.tianshu.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.tianshu.server.ServerTestSupport;
import io.tianshu.server.WorkbenchClient;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Drives the real workbench in headless Chromium: log in, search for a patient, open the record,
 * read a document, and save a screenshot that must not be blank.
 */
class WorkbenchBrowserTest extends ServerTestSupport {

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @LocalServerPort int port;

  @Test
  void logInSearchOpenTheRecordAndReadADocument() throws IOException {
    Path chromium = Browsers.chromium();
    WorkbenchClient api = new WorkbenchClient(port);
    api.login(ADMIN, ADMIN_PASSWORD);
    // A patient of the synthetic hospital (ids P0000001…), who has documents; other tests add
    // patients through the HL7 v2 connector that have none.
    String name = null;
    for (JsonNode p : api.get("/api/patients?size=100").body().get("items")) {
      if (name == null && p.get("id").asText().matches("P\\d+")) {
        name = p.get("name").asText();
      }
    }
    assertThat(name).as("a synthetic patient on the first page").isNotNull();
    String base = "http://localhost:" + port;

    try (Playwright playwright = Browsers.playwright();
        Browser browser = Browsers.launch(playwright, chromium)) {
      Page page = Browsers.loggedIn(browser, base, ADMIN, ADMIN_PASSWORD);

      page.navigate(base + "/");
      page.getByTestId("home-chart-department").locator("canvas").first().waitFor();

      page.navigate(base + "/patients");
      page.getByTestId("patient-search-input").fill(name);
      page.getByTestId("patient-search-submit").click();
      Locator row = page.getByTestId("patient-row").first();
      row.waitFor();
      assertThat(row.innerText()).contains(name);
      row.click();

      Locator header = page.getByTestId("patient-header");
      header.waitFor();
      assertThat(header.innerText()).contains(name);

      page.getByTestId("tab-documents").click();
      Locator document = page.getByTestId("document-text").first();
      document.waitFor();
      assertThat(document.innerText()).isNotBlank();

      Files.createDirectories(SCREENSHOTS);
      Path shot = SCREENSHOTS.resolve("patient-360.png");
      page.screenshot(new Page.ScreenshotOptions().setPath(shot).setFullPage(false));
      assertNotBlank(shot);
    }
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
