package dev.shotclock.admin.web;

import static dev.shotclock.testsupport.RawHttp.get;
import static dev.shotclock.testsupport.RawHttp.post;
import static dev.shotclock.testsupport.Workflows.step;
import static dev.shotclock.testsupport.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shotclock.admin.AdminTokens;
import dev.shotclock.config.WorkflowDef;
import dev.shotclock.db.Jdbc;
import dev.shotclock.testsupport.DaemonFixture;
import dev.shotclock.testsupport.RawHttp;
import dev.shotclock.testsupport.TestStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every dashboard page, served by a real daemon whose store holds 1,000 workflows and 100,000
 * runs (with steps and events), answers within a second of server time (the Server-Timing header:
 * the browser's rendering is not the daemon's cost). Pages are paged on the server, so a page
 * deep in the history must cost what the first one does.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardScaleTest {

  static final int WORKFLOWS = 1_000;
  static final int RUNS_PER_WORKFLOW = 100;
  static final int STEPPED_RUNS_PER_WORKFLOW = 10;
  static final double BUDGET_MS = 1_000;

  private DaemonFixture daemon;
  private RawHttp http;
  private String cookie;
  private long someRun;
  private long midRun;

  @BeforeAll
  void fillTheStore(@TempDir Path dir) throws Exception {
    List<WorkflowDef> workflows = new ArrayList<>();
    for (int i = 0; i < WORKFLOWS; i++) {
      workflows.add(workflow(id(i)).cron("0 0 3 * * ?")
          .step(step("fetch")).step(step("report").after("fetch")).build());
    }
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, Clock.systemUTC(), workflows.toArray(WorkflowDef[]::new));
    insertHistory(daemon.daemon().jdbc(), Clock.systemUTC().instant());
    http = new RawHttp(daemon.daemon().adminPort(), 30_000);
    String token = Files.readString(daemon.stateDir().resolve(AdminTokens.TOKEN_FILE)).trim();
    RawHttp.Response login = http.send(post("/ui/login").header("Content-Type", "application/x-www-form-urlencoded")
        .body(("token=" + token).getBytes(StandardCharsets.US_ASCII)));
    assertThat(login.status()).as("%s", login).isEqualTo(303);
    cookie = login.header("Set-Cookie").split(";")[0];
  }

  @AfterAll
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  private static String id(int i) {
    return String.format("wf-%04d", i);
  }

  /** 100 runs per workflow, one an hour back from now; the newest ten with both steps; events. */
  private void insertHistory(Jdbc jdbc, Instant now) {
    String[] states = {"SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "FAILED", "SUCCEEDED_WITH_WARNINGS", "MISSED"};
    List<Jdbc.Binder> runs = new ArrayList<>();
    for (int r = RUNS_PER_WORKFLOW - 1; r >= 0; r--) {
      for (int w = 0; w < WORKFLOWS; w++) {
        Instant slot = now.minus(Duration.ofHours(r + 1)).minusSeconds(w);
        String state = states[(r + w) % states.length];
        boolean ran = !state.equals("MISSED");
        String wf = id(w);
        runs.add(a -> a.string(wf).string(slot.toString()).instant(slot).string("SCHEDULE").string(state)
            .string(ran ? null : "daemon down").instant(slot).instant(ran ? slot : null)
            .instant(slot.plusSeconds(42)).string(UUID.randomUUID().toString()));
      }
    }
    for (int from = 0; from < runs.size(); from += 10_000) {
      jdbc.batch("INSERT INTO sc_runs (workflow_id, slot_key, scheduled_at, trigger_kind, state, reason,"
          + " created_at, started_at, finished_at, correlation_id, attempt, node_id)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 'test-node')", runs.subList(from, Math.min(runs.size(), from + 10_000)));
    }
    assertThat(jdbc.queryLong("SELECT COUNT(*) FROM sc_runs", Jdbc.Binder.NONE))
        .isGreaterThanOrEqualTo((long) WORKFLOWS * RUNS_PER_WORKFLOW);
    List<Long> newest = jdbc.query("SELECT id FROM sc_runs WHERE state <> 'MISSED' AND id > ? ORDER BY id",
        a -> a.longValue(jdbc.queryLong("SELECT MAX(id) FROM sc_runs", Jdbc.Binder.NONE)
            - (long) WORKFLOWS * STEPPED_RUNS_PER_WORKFLOW), row -> row.longValue("id"));
    List<Jdbc.Binder> steps = new ArrayList<>();
    for (long runId : newest) {
      for (String stepId : List.of("fetch", "report")) {
        steps.add(a -> a.longValue(runId).string(stepId).string("SUCCEEDED")
            .instant(now.minusSeconds(600)).instant(now.minusSeconds(590)));
      }
    }
    jdbc.batch("INSERT INTO sc_step_runs (run_id, step_id, run_attempt, try_number, state, started_at,"
        + " finished_at, exit_code) VALUES (?, ?, 1, 1, ?, ?, ?, 0)", steps);
    List<Jdbc.Binder> events = new ArrayList<>();
    for (int e = 0; e < 20_000; e++) {
      String wf = id(e % WORKFLOWS);
      String kind = e % 3 == 0 ? "AUDIT" : "REPAIR";
      events.add(a -> a.instant(now).string(kind).string("INFO").string(wf).string("event <b>" + wf + "</b>"));
    }
    jdbc.batch("INSERT INTO sc_events (at, kind, severity, workflow_id, message) VALUES (?, ?, ?, ?, ?)", events);
    someRun = newest.get(newest.size() - 1);
    midRun = jdbc.queryLong("SELECT MAX(id) FROM sc_runs", Jdbc.Binder.NONE) / 2;
  }

  /** Server time of the slower of two requests after a first one (which warms the JIT up). */
  private double serverMillis(String path) throws Exception {
    double worst = 0;
    for (int i = 0; i < 3; i++) {
      RawHttp.Response r = http.send(get(path).header("Cookie", cookie));
      assertThat(r.status()).as("%s: %s", path, r).isEqualTo(200);
      String timing = r.header("Server-Timing");
      assertThat(timing).startsWith("app;dur=");
      if (i > 0) {
        worst = Math.max(worst, Double.parseDouble(timing.substring("app;dur=".length())));
      }
    }
    return worst;
  }

  @Test
  void every_page_is_served_within_a_second() throws Exception {
    Map<String, Double> times = new LinkedHashMap<>();
    for (String path : List.of("/ui/", "/ui/workflows", "/ui/workflows?offset=950", "/ui/workflows?q=wf-09",
        "/ui/workflows/" + id(500), "/ui/workflows/" + id(999) + "?before=" + midRun, "/ui/runs/" + someRun,
        "/ui/runs/" + midRun, "/ui/queue", "/ui/queue?state=DEAD", "/ui/events", "/ui/events?kind=AUDIT",
        "/ui/events?before=" + 10_000)) {
      times.put(path, serverMillis(path));
    }
    assertThat(times).as("server milliseconds per page").allSatisfy((path, ms) ->
        assertThat(ms).as("%s took %.0f ms", path, ms).isLessThan(BUDGET_MS));
  }

  @Test
  void the_pages_show_the_history_they_page_through() throws Exception {
    String workflows = http.send(get("/ui/workflows?offset=950").header("Cookie", cookie)).text();
    assertThat(workflows).contains("1000 workflows").contains("wf-0950").contains("wf-0999").doesNotContain("wf-0949");
    String detail = http.send(get("/ui/workflows/" + id(500)).header("Cookie", cookie)).text();
    assertThat(detail).contains("id=\"dag\"").contains("id=\"gantt\"").contains("class=\"node st-SUCCEEDED\"");
    String events = http.send(get("/ui/events?kind=AUDIT").header("Cookie", cookie)).text();
    assertThat(events).contains("event &lt;b&gt;wf-").doesNotContain("<b>wf-");
  }
}
