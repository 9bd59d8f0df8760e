package io.tianshu.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What every browser test shares: the system Chromium, how it is launched, and logging in. */
final class Browsers {

  private Browsers() {}

  /** The Chromium to drive: required under CI, else the test is skipped when it is missing. */
  static Path chromium() {
    Path path = Path.of(System.getenv().getOrDefault("TIANSHU_CHROMIUM", "/usr/bin/chromium"));
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    if (!ci) {
      assumeTrue(Files.isExecutable(path), "Chromium not installed at " + path);
    }
    assertThat(path).as("Chromium for the browser test").isExecutable();
    return path;
  }

  /** Playwright without its own browser download (the machine's Chromium is used). */
  static Playwright playwright() {
    return Playwright.create(
        new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
  }

  /** Headless Chromium with no network side traffic (updates, sync, QUIC). */
  static Browser launch(Playwright playwright, Path chromium) {
    return playwright
        .chromium()
        .launch(
            new BrowserType.LaunchOptions()
                .setExecutablePath(chromium)
                .setHeadless(true)
                .setArgs(
                    List.of(
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync")));
  }

  /** A Chinese-locale desktop page, logged in through the login form. */
  static Page loggedIn(Browser browser, String base, String user, String password) {
    Page page =
        browser.newPage(new Browser.NewPageOptions().setViewportSize(1440, 900).setLocale("zh-CN"));
    page.setDefaultTimeout(20_000);
    page.navigate(base + "/patients");
    page.waitForURL("**/login**");
    page.getByTestId("login-username").fill(user);
    page.getByTestId("login-password").fill(password);
    page.getByTestId("login-submit").click();
    page.waitForURL(url -> !url.contains("/login"));
    return page;
  }

  /**
   * Waits until no dialog is still zooming or fading in. Playwright clicks an element once its box
   * is stable for two frames; on a loaded machine a modal's opening animation can pass that check
   * and move on, so the click lands beside the button.
   */
  static void settled(Page page) {
    page.locator(".ant-zoom-appear, .ant-zoom-enter, .ant-fade-appear, .ant-fade-enter")
        .first()
        .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
  }
}
