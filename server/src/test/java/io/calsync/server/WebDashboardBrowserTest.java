package io.calsync.server;

import static io.calsync.server.TestMaster.put;
import static io.calsync.server.TestMaster.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (headless chromium) against a real master with two simulated
 * agents that check in over HTTP: a1 last checked in two sync intervals ago (stale), a2 just now
 * (active). Screenshots land in server/target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebDashboardBrowserTest {
  private static final int SYNC_INTERVAL_MINUTES = 10;

  TestMaster master;
  ChromeDriver browser;
  String base;

  @BeforeAll
  void startMasterAgentsAndBrowser(@TempDir Path dataDir, @TempDir Path profileDir) {
    HeadlessChromium.requireInstalled();
    var clock = new TestMaster.MutableClock();
    master = TestMaster.start(dataDir, Map.of("AUTH_ENABLED", "true", "CONFLICT_RESOLUTION", "manual",
        "SYNC_INTERVAL_MINUTES", Integer.toString(SYNC_INTERVAL_MINUTES)), clock);
    base = "http://127.0.0.1:" + master.server.port();
    master.heartbeatSources("a1", "[" + holder("Work", "team") + "," + holder("Home", "family") + "]");
    clock.advance(Duration.ofMinutes(2L * SYNC_INTERVAL_MINUTES));
    master.heartbeatSources("a2", "[" + holder("Job", "team") + "]");
    browser = HeadlessChromium.start(profileDir);
  }

  @AfterAll
  void stop() {
    if (browser != null) browser.quit();
    if (master != null) master.close();
  }

  @BeforeEach
  void signedOut() {
    browser.get(base + "/login");
    browser.manage().deleteAllCookies();
  }

  /** A source of {@code master} that takes renames and event changes. */
  private static String holder(String name, String masterCalendar) {
    return source(name, masterCalendar).replace("}", ",\"allow_metadata_updates\":true}");
  }

  private void signIn(String key) {
    browser.get(base + "/login");
    browser.findElement(By.id("key")).sendKeys(key);
    browser.findElement(By.cssSelector("form button[type=submit]")).click();
  }

  private <T> T waitFor(Function<WebDriver, T> condition) {
    return new WebDriverWait(browser, Duration.ofSeconds(10))
        .ignoring(StaleElementReferenceException.class).until(condition);
  }

  @Test
  void loginPage_refusesAWrongKey() {
    signIn("csk_this-is-not-the-admin-key");
    WebElement error = waitFor(d -> d.findElement(By.id("login-error")));
    assertThat(error.getText()).contains("not a valid admin key or API key");
    assertThat(browser.getCurrentUrl()).endsWith("/login");
    assertThat(browser.manage().getCookieNamed("calsync_session")).isNull();
    HeadlessChromium.screenshot(browser, "login-refused");
  }

  @Test
  void dashboard_listsBothAgents_withTheirStatus() {
    signIn(master.adminKey);
    waitFor(d -> d.findElement(By.cssSelector("tr[data-agent=a2]")));
    assertThat(statusOf("a1")).isEqualTo("stale");
    assertThat(statusOf("a2")).isEqualTo("active");
    assertThat(browser.findElement(By.cssSelector("tr[data-agent=a1]")).getText()).contains("Work → team", "Home → family");
    assertThat(browser.findElement(By.cssSelector("tr[data-agent=a2]")).getText()).contains("Job → team");
    HeadlessChromium.screenshot(browser, "dashboard");
  }

  private String statusOf(String agent) {
    return browser.findElement(By.cssSelector("tr[data-agent=" + agent + "] .status-text")).getText();
  }

  @Test
  void rename_inTheDashboard_reachesTheAgentsPendingUpdates() {
    signIn(master.adminKey);
    WebElement name = waitFor(d -> d.findElement(By.id("name-team")));
    name.click(); // focus inside the section pauses its polling (dashboard.js), so the field stays put
    name = browser.findElement(By.id("name-team"));
    name.sendKeys(Keys.chord(Keys.CONTROL, "a"), "Team (renamed in the UI)");
    browser.findElement(By.cssSelector("tr[data-calendar=team] button[type=submit]")).click();
    waitFor(d -> d.findElement(By.cssSelector("#calendars .flash")).getText().contains("renamed to Team (renamed in the UI)"));
    HeadlessChromium.screenshot(browser, "calendar-renamed");

    for (String agent : new String[] {"a1", "a2"}) {
      JsonNode updates = master.get("/sync/agents/" + agent + "/pending-updates").body().path("updates");
      assertThat(updates).as("pending updates of " + agent).anySatisfy(u -> {
        assertThat(u.path("type").asText()).isEqualTo("calendar_metadata");
        assertThat(u.path("data").path("changes").path("name").asText()).isEqualTo("Team (renamed in the UI)");
      });
    }
  }

  @Test
  void manualConflict_isResolvedByAClick_andLeavesTheOpenList() {
    String conflictId = concurrentChange();
    signIn(master.adminKey);
    By card = By.cssSelector("article[data-conflict='" + conflictId + "']");
    WebElement conflict = waitFor(d -> d.findElement(card));
    assertThat(conflict.findElement(By.cssSelector("tr.differs")).getText()).contains("SUMMARY", "Planning", "Planning (moved)");
    browser.executeScript("arguments[0].scrollIntoView()", conflict);
    HeadlessChromium.screenshot(browser, "conflict");

    conflict.findElement(By.xpath(".//button[normalize-space()='Keep the incoming version']")).click();
    waitFor(d -> d.findElements(card).isEmpty());
    assertThat(browser.findElement(By.cssSelector("#conflicts .flash")).getText()).contains("conflict resolved");
    HeadlessChromium.screenshot(browser, "conflict-resolved");

    JsonNode resolved = master.get("/sync/conflicts/" + conflictId).body();
    assertThat(resolved.path("state").asText()).isEqualTo("resolved");
    assertThat(resolved.path("resolution").asText()).isEqualTo("source_wins");
  }

  /** a1 stores versions 1 and 2 of e1; a2 then changes it from version 1, which it saw last: a manual conflict. */
  private String concurrentChange() {
    master.upload("a1", "Work", put("e1", TestIcs.event("e1", "Planning", "20260110T100000Z", 0), null));
    master.upload("a1", "Work", put("e1", TestIcs.event("e1", "Planning", "20260110T110000Z", 1), 1L));
    JsonNode outcome = master.upload("a2", "Job",
        put("e1", TestIcs.event("e1", "Planning (moved)", "20260110T120000Z", 1), 1L)).body().path("results").get(0);
    assertThat(outcome.path("outcome").asText()).isEqualTo("conflict");
    return outcome.path("conflict_id").asText();
  }

  @Test
  void activityAndAgents_updateLive_withoutAPageReload() {
    signIn(master.adminKey);
    waitFor(d -> d.findElement(By.cssSelector("tr[data-agent=a2]")));
    browser.executeScript("window.notReloaded = true");
    master.heartbeatSources("a3", "[" + holder("Desk", "desk") + "]");
    waitFor(d -> d.findElement(By.cssSelector("#activity")).getText().contains("a3 agent registered"));
    waitFor(d -> !d.findElements(By.cssSelector("tr[data-agent=a3]")).isEmpty());
    assertThat(browser.executeScript("return window.notReloaded === true")).isEqualTo(true);
  }

  @Test
  void keyboardAlone_reachesTheRenameForm_andSubmitsIt() {
    signIn(master.adminKey);
    waitFor(d -> d.findElement(By.id("name-family")));
    browser.findElement(By.tagName("body")).click();
    boolean reached = false;
    for (int i = 0; i < 40 && !reached; i++) {
      new Actions(browser).sendKeys(Keys.TAB).perform();
      reached = "name-family".equals(browser.switchTo().activeElement().getAttribute("id"));
    }
    assertThat(reached).as("Tab reaches the rename field of calendar 'family'").isTrue();
    HeadlessChromium.screenshot(browser, "keyboard-focus");

    new Actions(browser).keyDown(Keys.CONTROL).sendKeys("a").keyUp(Keys.CONTROL).sendKeys("Family (by keyboard)", Keys.ENTER).perform();
    waitFor(d -> d.findElement(By.cssSelector("#calendars .flash")).getText().contains("renamed to Family (by keyboard)"));
    assertThat(master.get("/calendars").body().path("calendars").findValuesAsText("name")).contains("Family (by keyboard)");
  }
}
