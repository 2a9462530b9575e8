package dev.shotclock.admin;

import static dev.shotclock.testsupport.RawHttp.get;
import static dev.shotclock.testsupport.RawHttp.post;
import static dev.shotclock.testsupport.Workflows.step;
import static dev.shotclock.testsupport.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shotclock.db.Jdbc;
import dev.shotclock.history.RunState;
import dev.shotclock.testsupport.DaemonFixture;
import dev.shotclock.testsupport.RawHttp;
import dev.shotclock.testsupport.TestStores;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /api/v1/workflows/{id}/stats} and the dashboard's panel against a real daemon: two
 * runs it ran itself, and the aggregates of seven slots pruned two days ago.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkflowStatsApiTest {

  private static final String WORKFLOW = "wf";

  private DaemonFixture daemon;
  private RawHttp http;
  private String readOnlyToken;
  private String cookie;
  private LocalDate prunedDay;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, Clock.systemUTC(),
        workflow(WORKFLOW).step(step("s").sh("true")).build());
    daemon.runToEnd(WORKFLOW, Duration.ofSeconds(30));
    daemon.runToEnd(WORKFLOW, Duration.ofSeconds(30));
    prunedDay = LocalDate.now(ZoneOffset.UTC).minusDays(2);
    Jdbc jdbc = daemon.daemon().jdbc();
    jdbc.update("INSERT INTO sc_run_daily (workflow_id, run_day, state, runs, total_ms, max_ms) VALUES"
        + " (?, ?, 'SUCCEEDED', 4, 20000, 7000), (?, ?, 'MISSED', 3, 0, NULL)",
        a -> a.string(WORKFLOW).date(prunedDay).string(WORKFLOW).date(prunedDay));
    // bucket 147 = 8 * 16 + 19: 4864..5119 ms (19 << 8 up to 20 << 8), midpoint 4992
    jdbc.update("INSERT INTO sc_run_daily_durations (workflow_id, run_day, bucket, runs) VALUES (?, ?, 147, 4)",
        a -> a.string(WORKFLOW).date(prunedDay));
    http = new RawHttp(daemon.daemon().adminPort(), 10_000);
    readOnlyToken = Files.readString(daemon.stateDir().resolve(AdminTokens.READONLY_TOKEN_FILE)).trim();
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

  private RawHttp.Response stats(String query) throws Exception {
    return http.send(get("/api/v1/workflows/" + WORKFLOW + "/stats" + query).bearer(readOnlyToken));
  }

  @Test
  void stored_runs_and_pruned_aggregates_are_counted_together() throws Exception {
    RawHttp.Response r = stats("?days=7");

    assertThat(r.status()).as("%s", r).isEqualTo(200);
    JsonNode body = r.json();
    assertThat(body.path("workflow_id").asText()).isEqualTo(WORKFLOW);
    assertThat(body.path("days").asInt()).isEqualTo(7);
    assertThat(body.path("to").asText()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
    JsonNode total = body.path("total");
    assertThat(total.path("runs").asLong()).isEqualTo(6);
    assertThat(total.path("not_run").asLong()).isEqualTo(3);
    assertThat(total.path("pruned").asLong()).isEqualTo(7);
    assertThat(total.path("timed_runs").asLong()).isEqualTo(6);
    assertThat(total.path("outcomes").path("SUCCEEDED").asLong()).isEqualTo(6);
    assertThat(total.path("outcomes").path(RunState.MISSED.name()).asLong()).isEqualTo(3);
    assertThat(total.path("max_ms").asLong()).isEqualTo(7000);
    JsonNode pruned = null;
    for (JsonNode d : body.path("daily")) {
      if (d.path("day").asText().equals(prunedDay.toString())) {
        pruned = d;
      }
    }
    assertThat(pruned).as("the pruned day in %s", body).isNotNull();
    assertThat(pruned.path("runs").asLong()).isEqualTo(4);
    assertThat(pruned.path("p50_ms").asLong()).isEqualTo(4992);
    assertThat(pruned.path("p95_ms").asLong()).isEqualTo(4992);
    assertThat(pruned.path("max_ms").asLong()).isEqualTo(7000);
  }

  @Test
  void days_defaults_to_30_and_may_be_up_to_ten_years() throws Exception {
    assertThat(stats("").json().path("days").asInt()).isEqualTo(30);
    RawHttp.Response longest = stats("?days=3650");
    assertThat(longest.status()).as("%s", longest).isEqualTo(200);
    assertThat(longest.json().path("from").asText())
        .isEqualTo(LocalDate.now(ZoneOffset.UTC).minusDays(3649).toString());
  }

  @ParameterizedTest(name = "days={0}")
  @ValueSource(strings = {"0", "-1", "3651", "99999999999", "abc", "+5", "1.5", "", " 7", "7d", "\u0663"})
  void days_must_be_a_whole_number_from_1_to_3650(String days) throws Exception {
    RawHttp.Response r = stats("?days=" + URLEncoder.encode(days, StandardCharsets.UTF_8));

    assertThat(r.status()).as("%s", r).isEqualTo(400);
    assertThat(r.json().path("error").asText()).startsWith("query parameter days must be");
  }

  @Test
  void an_unknown_workflow_is_404() throws Exception {
    RawHttp.Response r = http.send(get("/api/v1/workflows/nope/stats?days=7").bearer(readOnlyToken));
    assertThat(r.status()).as("%s", r).isEqualTo(404);
    assertThat(r.json().path("error").asText()).contains("nope");
  }

  @Test
  void the_workflow_page_of_the_dashboard_shows_the_last_days() throws Exception {
    RawHttp.Response page = http.send(get("/ui/workflows/" + WORKFLOW).header("Cookie", cookie));

    assertThat(page.status()).as("%s", page).isEqualTo(200);
    assertThat(page.text()).contains("id=\"stats\"").contains("Last 14 days")
        .containsPattern("<tr id=\"stats-total\"><td>all 14 days</td><td>6</td>")
        .contains("<td>" + prunedDay + "</td><td>4</td>")
        .contains("7 of these slots were pruned");
  }
}
