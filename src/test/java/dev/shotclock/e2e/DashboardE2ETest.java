package dev.shotclock.e2e;

import static dev.shotclock.testsupport.Installation.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shotclock.testsupport.Installation;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium against a real daemon started through bin/shotclockd: an
 * operator logs in, triggers, pauses and resumes, reads a failed run's log, requeues a dead task;
 * a read-only login sees no action and its forged POST is refused. Each page is photographed
 * into target/screenshots/ (the README's overview picture comes from here).
 */
class DashboardE2ETest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Installation.HOME.resolve("target/screenshots");

  @TempDir static Path dir;
  static Path conf;
  static Process daemon;
  static String base;
  static String fullToken;
  static String readOnlyToken;

  WebDriver browser;
  WebDriverWait wait;

  @BeforeAll
  static void startDaemon() throws Exception {
    assertThat(CHROMIUM).as("apt-get install -y chromium chromium-driver (.ci/run does)").exists();
    assertThat(CHROMEDRIVER).as("apt-get install -y chromium chromium-driver (.ci/run does)").exists();
    conf = Installation.writeConfig(dir, Installation.testDaemonYaml(), Map.of(
        "hello.yaml", """
            id: hello
            description: two steps, the second after the first
            steps:
              - id: fetch
                run: [sh, -c, "echo hello from fetch"]
              - id: report
                run: [sh, -c, "echo report done"]
                depends_on: [fetch]
            """,
        "fails.yaml", """
            id: fails
            steps:
              - id: boom
                run: [sh, -c, "echo '<script>alert(1)</script> & more'; exit 3"]
            """,
        "broken.yaml", "id: broken\nsteps:\n  - id: s\n    run: [sh, -c, \"exit 1\"]\n"));
    Files.writeString(conf.resolve("sources.yaml"), """
        dispatch_every: 1s
        sources:
          flaky:
            workflow: broken
            retry: { max_attempts: 1 }
        """);
    daemon = Installation.startDaemon(conf, dir.resolve("daemon.log"));
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      assertThat(daemon.isAlive()).as("daemon alive; log:\n%s", Files.readString(dir.resolve("daemon.log"))).isTrue();
      assertThat(cli(conf, "health").exitCode()).isZero();
    });
    Path var = dir.resolve("var");
    base = "http://127.0.0.1:" + Files.readString(var.resolve("admin.port")).trim();
    fullToken = Files.readString(var.resolve("admin.token")).trim();
    readOnlyToken = Files.readString(var.resolve("admin.readonly.token")).trim();
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void stopDaemon() throws Exception {
    if (daemon != null) {
      daemon.destroy();
      if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
        daemon.destroyForcibly();
      }
    }
  }

  @BeforeEach
  void openBrowser() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--window-size=1400,1000", "--no-first-run", "--disable-extensions");
    // An explicit driver executable: Selenium Manager is not consulted, nothing is downloaded.
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).withLogFile(dir.resolve("chromedriver.log").toFile()).build();
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  private void login(String token) {
    browser.get(base + "/");
    wait.until(ExpectedConditions.urlContains("/ui/login"));
    browser.findElement(By.id("token")).sendKeys(token);
    browser.findElement(By.id("login")).click();
    try {
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("health-status")));
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError("no overview after login at " + browser.getCurrentUrl() + ":\n"
          + browser.getPageSource(), e);
    }
  }

  private void screenshot(String name) throws Exception {
    File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private WebElement row(String workflow) {
    return browser.findElement(By.cssSelector("tr[data-workflow='" + workflow + "']"));
  }

  private void awaitRunState(String state) {
    // The page's script tails the log and reloads when the run has ended.
    new WebDriverWait(browser, Duration.ofSeconds(60)).until(
        ExpectedConditions.textToBe(By.id("run-state"), state));
  }

  private static JsonNode tasks() throws Exception {
    Installation.Result r = cli(conf, "--json", "tasks", "--limit", "100");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return r.json().get("tasks");
  }

  @Test
  void an_operator_triggers_pauses_resumes_reads_a_failed_log_and_requeues_a_dead_task() throws Exception {
    login(fullToken);
    assertThat(browser.findElement(By.id("health-status")).getText()).isEqualTo("UP");
    assertThat(browser.findElement(By.id("role")).getText()).isEqualTo("operator");
    screenshot("overview");

    browser.findElement(By.linkText("Workflows")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-workflow='hello']")));
    screenshot("workflows");
    browser.findElement(By.id("trigger-hello")).click();
    wait.until(ExpectedConditions.urlMatches("/ui/runs/\\d+$"));
    awaitRunState("SUCCEEDED");
    assertThat(browser.findElement(By.id("log")).getText()).contains("hello from fetch").contains("report done");
    assertThat(browser.findElements(By.cssSelector("#steps tr[data-step]"))).hasSize(2);
    screenshot("run-succeeded");

    browser.findElement(By.id("run-workflow")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dag")));
    assertThat(browser.findElements(By.cssSelector("#dag g.node.st-SUCCEEDED"))).hasSize(2);
    assertThat(browser.findElements(By.cssSelector("#gantt rect.run"))).isNotEmpty();
    assertThat(browser.findElements(By.cssSelector("#why li"))).isNotEmpty();
    screenshot("workflow-detail");

    browser.get(base + "/ui/workflows");
    browser.findElement(By.id("wf-hello-reason")).sendKeys("maintenance window");
    browser.findElement(By.id("wf-hello-until")).sendKeys("2h");
    browser.findElement(By.id("wf-hello-pause")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("wf-hello-resume")));
    assertThat(row("hello").findElement(By.className("pause-state")).getText())
        .contains("PAUSED").contains("by dashboard: maintenance window").contains("until");
    assertThat(cli(conf, "why", "hello").stdout()).contains("paused");
    screenshot("workflows-paused");
    new Select(browser.findElement(By.id("wf-hello-catch-up"))).selectByValue("skip");
    browser.findElement(By.id("wf-hello-resume")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("wf-hello-pause")));
    assertThat(row("hello").findElement(By.className("pause-state")).getText()).isEqualTo("active");

    browser.findElement(By.id("trigger-fails")).click();
    wait.until(ExpectedConditions.urlMatches("/ui/runs/\\d+$"));
    awaitRunState("FAILED");
    // The step printed markup: it shows as text, and nothing ran (an alert would block the driver).
    assertThat(browser.findElement(By.id("log")).getText()).contains("<script>alert(1)</script> & more");
    assertThat(browser.findElement(By.cssSelector("#steps td.exit-code")).getText()).isEqualTo("3");
    assertThat(browser.findElements(By.id("retry"))).hasSize(1);
    screenshot("run-failed");

    Installation.Result enqueued = cli(conf, "--json", "enqueue", "flaky", "--key", "flaky:1");
    assertThat(enqueued.exitCode()).as(enqueued.stderr()).isZero();
    long taskId = enqueued.json().get("task_id").asLong();
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(tasks().findValuesAsText("state")).containsExactly("DEAD"));
    browser.get(base + "/ui/queue?state=DEAD");
    assertThat(browser.findElement(By.cssSelector("tr[data-task='" + taskId + "']")).getText()).contains("DEAD");
    screenshot("queue-dead");
    browser.findElement(By.id("requeue-" + taskId)).click();
    // A new attempt series: the task runs its workflow again (and, failing, dies again).
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(Installation.cli(conf, "--json", "runs", "broken").json()).hasSize(2));
    assertThat(cli(conf, "audit").stdout())
        .contains("POST /ui/api/tasks/" + taskId + "/requeue by dashboard (admin token session) -> 200");

    browser.get(base + "/ui/events?kind=AUDIT");
    assertThat(browser.findElement(By.id("events")).getText()).contains("/ui/api/workflows/hello/pause");
    screenshot("events");
    browser.get(base + "/ui/queue");
    screenshot("queue");
    browser.get(base + "/ui/");
    assertThat(browser.findElement(By.id("today-counts")).getText()).contains("SUCCEEDED").contains("FAILED");
    screenshot("overview-with-history");

    browser.findElement(By.id("logout")).click();
    wait.until(ExpectedConditions.urlContains("/ui/login"));
    browser.get(base + "/ui/workflows");
    wait.until(ExpectedConditions.urlContains("/ui/login"));
  }

  @Test
  void a_read_only_login_sees_no_action_and_a_forged_post_is_refused() throws Exception {
    login(readOnlyToken);
    assertThat(browser.findElement(By.id("role")).getText()).isEqualTo("read-only");
    browser.get(base + "/ui/workflows");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-workflow='hello']")));
    assertThat(browser.findElements(By.cssSelector("form.js-action")))
        .as("only the logout form").extracting(f -> f.getAttribute("data-action")).containsExactly("/ui/logout");
    assertThat(browser.findElements(By.tagName("button"))).extracting(WebElement::getText)
        .doesNotContain("Trigger", "Pause", "Resume");
    screenshot("workflows-read-only");
    int runsBefore = cli(conf, "--json", "runs", "hello").json().size();

    // The page's own CSRF token and cookie, a hand-made request: the server must still say no.
    Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        fetch('/ui/api/workflows/hello/trigger', {method: 'POST', credentials: 'same-origin',
            headers: {'Content-Type': 'application/json',
                      'X-CSRF-Token': document.querySelector('meta[name="csrf-token"]').content},
            body: '{}'}).then(r => done(r.status), e => done(String(e)));
        """);
    assertThat(status).isEqualTo(403L);
    assertThat(cli(conf, "--json", "runs", "hello").json()).hasSize(runsBefore);
  }
}
