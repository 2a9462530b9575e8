package dev.shotclock.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shotclock.config.StepDef;
import dev.shotclock.config.WorkflowDef;
import dev.shotclock.history.RunRecord;
import dev.shotclock.history.RunState;
import dev.shotclock.history.StepRunRecord;
import dev.shotclock.history.StepState;
import dev.shotclock.history.TriggerKind;
import dev.shotclock.queue.NewTask;
import dev.shotclock.testsupport.DaemonFixture;
import dev.shotclock.testsupport.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NBA pack end to end on its offline stand-ins: a real daemon in this JVM on a copy of
 * {@code examples/nba} (loaded by the real ConfigLoader, real Quartz, H2, real child processes).
 * The stand-ins' switches (SIM_FAIL, SIM_SLOW) go into the copy's {@code sim/.env}, which each step
 * reads when it starts, so one daemon serves every case.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NbaPackDaemonTest {

  private static final Duration RUN_MAX = Duration.ofSeconds(60);
  private static final List<String> SCRAPES = List.of("espn", "hoopr", "bbref");

  private Path envFile;
  private String originalEnv;
  private DaemonFixture daemon;

  @BeforeAll
  void startDaemon(@TempDir Path dir) throws IOException {
    Path conf = NbaPack.copyTo(dir);
    envFile = dir.resolve("sim/.env");
    originalEnv = Files.readString(envFile);
    Map<String, String> env = NbaPack.offlineEnvironment();
    env.put("SHOTCLOCK_ADMIN_PORT", "0");
    env.put("NBA_MIN_FREE", "1MB");          // the pack's 10GB guard would hold runs back on a small /tmp
    env.put("NBA_RETRY_BACKOFF", "100ms");   // failing scrapes are retried 3 times: keep that quick
    daemon = DaemonFixture.startFromConfigDir(conf, env, Clock.systemUTC());
  }

  @AfterAll
  void stopDaemon() {
    if (daemon != null) {
      daemon.close();
    }
  }

  /** Lets follow-up runs end before the next case changes the switches. */
  @AfterEach
  void awaitIdleAndResetSwitches() throws IOException {
    await().atMost(RUN_MAX).until(() -> daemon.runs().list(null, null, 1000).stream()
        .allMatch(r -> r.state().isTerminal()));
    Files.writeString(envFile, originalEnv);
  }

  @Test
  void overnight_runs_its_dag_in_order_with_the_scrapes_in_parallel_then_starts_the_validation() throws IOException {
    // The three scrapes take 1 s each: a sequential execution would show in the times.
    sim("SIM_SLOW=espn,hoopr,bbref", "SIM_SLOW_SECONDS=1");

    RunRecord run = daemon.runToEnd("overnight-unified", RUN_MAX);

    assertThat(run.state()).as(run.error()).isEqualTo(RunState.SUCCEEDED);
    Map<String, Span> steps = spans(run);
    assertThat(steps.values()).extracting(Span::state).containsOnly(StepState.SUCCEEDED);
    WorkflowDef wf = daemon.daemon().config().workflow("overnight-unified").orElseThrow();
    assertThat(steps.keySet()).containsExactlyInAnyOrderElementsOf(wf.steps().stream().map(StepDef::id).toList());

    Instant lastScrapeStart = SCRAPES.stream().map(s -> steps.get(s).start()).max(Comparator.naturalOrder()).orElseThrow();
    Instant firstScrapeEnd = SCRAPES.stream().map(s -> steps.get(s).end()).min(Comparator.naturalOrder()).orElseThrow();
    assertThat(lastScrapeStart).as("all three scrapes start before the first one ends").isBefore(firstScrapeEnd);

    for (StepDef step : wf.steps()) {
      for (String upstream : step.dependsOn().upstream()) {
        assertThat(steps.get(step.id()).start()).as(step.id() + " starts after " + upstream + " ended")
            .isAfterOrEqualTo(steps.get(upstream).end());
      }
    }

    // The stand-in scraper check relaunches a "backfill" with nohup, as the real one does; a step
    // leaves nothing behind, so it is gone (a zombie waiting for a parent that reaps it counts as gone).
    long relaunched = Long.parseLong(Files.readString(
        daemon.stateDir().resolve("nba-sim/recovered_scraper.pid")).strip());
    assertThat(Processes.isAlive(relaunched)).as("relaunched pid " + relaunched + " alive").isFalse();

    // The pack's own report helper read what the stand-ins wrote (2 event-count discrepancies in the sample).
    assertThat(Files.readString(newestFile(daemon.stateDir().resolve("nba-sim/reports"), "daily_quality_report_")))
        .contains("- dual-source games: 8", "- games with discrepancies: 2");

    // on_success_of: overnight-unified starts three-source-validation at once.
    RunRecord validation = awaitDownstream(run);
    assertThat(validation.triggerKind()).isEqualTo(TriggerKind.UPSTREAM);
    assertThat(Duration.between(run.finishedAt(), validation.createdAt())).isLessThan(Duration.ofSeconds(5));
    assertThat(daemon.awaitEnd(validation.id(), RUN_MAX).state()).isEqualTo(RunState.SUCCEEDED);
  }

  @Test
  void a_failed_non_critical_scrape_ends_the_overnight_run_with_warnings_and_the_mapping_still_runs() throws IOException {
    sim("SIM_FAIL=espn");

    RunRecord run = daemon.runToEnd("overnight-unified", RUN_MAX);

    assertThat(run.state()).isEqualTo(RunState.SUCCEEDED_WITH_WARNINGS);
    Map<String, Span> steps = spans(run);
    assertThat(steps.get("espn").state()).isEqualTo(StepState.FAILED);
    assertThat(steps.get("espn").tries()).as("retried as configured").isEqualTo(3);
    assertThat(steps.get("mapping").state()).as("espn: completed is enough").isEqualTo(StepState.SUCCEEDED);
    assertThat(steps.get("scraper-check").state()).isEqualTo(StepState.SUCCEEDED);
    // Warnings are a success for on_success_of; that run fails its ESPN scrape too (3 of 4 left).
    RunRecord validation = daemon.awaitEnd(awaitDownstream(run).id(), RUN_MAX);
    assertThat(validation.state()).isEqualTo(RunState.SUCCEEDED_WITH_WARNINGS);
  }

  @Test
  void a_failed_mapping_fails_the_overnight_run_and_starts_no_validation() throws IOException {
    sim("SIM_FAIL=mapping");
    int validationsBefore = daemon.runs("three-source-validation").size();

    RunRecord run = daemon.runToEnd("overnight-unified", RUN_MAX);

    assertThat(run.state()).isEqualTo(RunState.FAILED);
    Map<String, Span> steps = spans(run);
    assertThat(steps.get("mapping").state()).isEqualTo(StepState.FAILED);
    assertThat(steps.get("unified-rebuild").state()).isEqualTo(StepState.SKIPPED);
    assertThat(steps.get("ml-export").state()).isEqualTo(StepState.SKIPPED);
    SCRAPES.forEach(s -> assertThat(steps.get(s).state()).as(s).isEqualTo(StepState.SUCCEEDED));
    // on_success_of only: give a (wrong) follow-up the 5 s the contract allows it, then look.
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
        .until(() -> daemon.runs("three-source-validation").size() == validationsBefore);
  }

  @Test
  void validation_skips_cross_validation_and_fails_when_3_of_4_scrapes_fail() throws IOException {
    sim("SIM_FAIL=espn,hoopr,nba-api");

    RunRecord run = daemon.runToEnd("three-source-validation", RUN_MAX);

    assertThat(run.state()).isEqualTo(RunState.FAILED);
    Map<String, Span> steps = spans(run);
    assertThat(steps.get("bbref-integrate").state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(steps.get("cross-validate").state()).isEqualTo(StepState.SKIPPED);
    assertThat(steps.get("cross-validate").start()).as("never started").isNull();
  }

  @Test
  void validation_with_2_of_4_scrapes_failed_cross_validates_and_ends_with_warnings() throws IOException {
    // bbref fails, so bbref-integrate is skipped: the original's step 4 counts as failed.
    sim("SIM_FAIL=hoopr,bbref");

    RunRecord run = daemon.runToEnd("three-source-validation", RUN_MAX);

    assertThat(run.state()).isEqualTo(RunState.SUCCEEDED_WITH_WARNINGS);
    Map<String, Span> steps = spans(run);
    assertThat(steps.get("bbref-integrate").state()).isEqualTo(StepState.SKIPPED);
    assertThat(steps.get("cross-validate").state()).isEqualTo(StepState.SUCCEEDED);
  }

  @Test
  void the_daily_espn_update_warns_about_a_missing_database_rebuilds_it_and_reports_the_new_games() throws IOException {
    Files.deleteIfExists(daemon.stateDir().resolve("nba-sim/tmp/espn_local.db"));

    RunRecord run = daemon.runToEnd("daily-espn-update", RUN_MAX);

    assertThat(run.state()).isEqualTo(RunState.SUCCEEDED_WITH_WARNINGS);
    Map<String, Span> steps = spans(run);
    assertThat(steps.get("preflight").state()).as("exit 3 is a warning").isEqualTo(StepState.SUCCEEDED_WITH_WARNINGS);
    steps.forEach((id, s) -> assertThat(s.state().isSuccess()).as(id).isTrue());
    assertThat(Files.readString(Path.of(run.logPath())))
        .contains("8 new games added (8 total)", "stand-in: would run: git add docs/DATA_CATALOG.md");
  }

  /**
   * Requirement 5: the overnight hoopR step, the scheduled hoopR scrape (both at 03:00) and a
   * queued hoopR task share the lock source:hoopr, so their scrapers never run at once. Each takes
   * 2 s here, so without the lock they would overlap (the dispatcher claims the task within 5 s).
   */
  @Test
  void the_overnight_scrape_the_scheduled_scrape_and_a_queued_task_of_one_source_never_overlap() throws IOException {
    sim("SIM_SLOW=hoopr", "SIM_SLOW_SECONDS=2");

    long overnight = daemon.trigger("overnight-unified", Map.of());
    long scheduled = daemon.trigger("hoopr-incremental", Map.of());
    long task = daemon.daemon().queues().current()
        .enqueue(NewTask.of("hoopr", "test:hoopr:season=2024-25").withParams(Map.of("season", "2024-25")))
        .task().id();

    List<Span> holders = new java.util.ArrayList<>();
    holders.add(spans(daemon.awaitEnd(overnight, RUN_MAX)).get("hoopr"));
    holders.add(spans(daemon.awaitEnd(scheduled, RUN_MAX)).get("scrape"));
    await().atMost(RUN_MAX).until(() -> daemon.runs("collect-hoopr").stream()
        .anyMatch(r -> r.state().isTerminal()));
    RunRecord collected = daemon.runs("collect-hoopr").get(0);
    assertThat(collected.state()).as("run of task " + task).isEqualTo(RunState.SUCCEEDED);
    holders.add(spans(collected).get("scrape"));

    assertThat(holders).extracting(Span::state).containsOnly(StepState.SUCCEEDED);
    holders.sort(Comparator.comparing(Span::start));
    for (int i = 1; i < holders.size(); i++) {
      assertThat(holders.get(i).start()).as("holder %d starts after holder %d ended", i, i - 1)
          .isAfterOrEqualTo(holders.get(i - 1).end());
    }
  }

  @Test
  void log_rotation_runs_offline() {
    assertThat(daemon.runToEnd("log-rotation", RUN_MAX).state()).isEqualTo(RunState.SUCCEEDED);
  }

  /** The newest (by its date in the name) of the files named prefix* in dir. */
  private static Path newestFile(Path dir, String prefix) throws IOException {
    try (var files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith(prefix))
          .max(Comparator.comparing(f -> f.getFileName().toString()))
          .orElseThrow(() -> new AssertionError("no " + prefix + "* in " + dir));
    }
  }

  /** Adds stand-in switches to the copy's sim/.env (read by each step when it starts). */
  private void sim(String... lines) throws IOException {
    Files.writeString(envFile, originalEnv + String.join("\n", lines) + "\n");
  }

  private RunRecord awaitDownstream(RunRecord upstream) {
    String by = "upstream overnight-unified run " + upstream.id() + " ";
    await().atMost(Duration.ofSeconds(5)).until(() -> find(by).isPresent());
    return find(by).orElseThrow();
  }

  private Optional<RunRecord> find(String requestedByPrefix) {
    return daemon.runs("three-source-validation").stream()
        .filter(r -> r.requestedBy() != null && r.requestedBy().startsWith(requestedByPrefix)).findFirst();
  }

  /** A step of a run: its first try's start, its last try's end and state, and how many tries. */
  private record Span(StepState state, Instant start, Instant end, int tries) {}

  private Map<String, Span> spans(RunRecord run) {
    Map<String, Span> out = new LinkedHashMap<>();
    for (StepRunRecord s : daemon.steps(run.id())) {
      Span before = out.get(s.stepId());
      out.put(s.stepId(), before == null
          ? new Span(s.state(), s.startedAt(), s.finishedAt(), 1)
          : new Span(s.state(), before.start(), s.finishedAt(), before.tries() + 1));
    }
    return out;
  }
}
