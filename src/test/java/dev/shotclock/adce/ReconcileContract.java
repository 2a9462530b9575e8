package dev.shotclock.adce;

import static dev.shotclock.testsupport.Workflows.step;
import static dev.shotclock.testsupport.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shotclock.cli.ShotClockCli;
import dev.shotclock.config.RateLimit;
import dev.shotclock.config.RetrySpec;
import dev.shotclock.config.SourceDef;
import dev.shotclock.config.SourcesConfig;
import dev.shotclock.config.StepAction;
import dev.shotclock.config.WorkflowDef;
import dev.shotclock.history.RunRecord;
import dev.shotclock.history.RunState;
import dev.shotclock.queue.Task;
import dev.shotclock.queue.TaskFilter;
import dev.shotclock.testsupport.DaemonFixture;
import dev.shotclock.testsupport.MutableClock;
import dev.shotclock.testsupport.TestStores;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reconcile and enqueue steps run by a real daemon (workflow engine, Quartz, queue, store) on each
 * store: tasks land in the queue, deduplicated across runs, and the records reach the admin API
 * and the CLI.
 */
abstract class ReconcileContract {

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(SampleInventory.NOW);
  SampleInventory sample;
  DaemonFixture daemon;

  abstract TestStores.Kind store();

  @BeforeEach
  void start() throws Exception {
    sample = new SampleInventory(dir, clock);
    sample.write("inventory/gaps.json", """
        {"tasks": [{"priority": "LOW", "source": "hoopr", "data_type": "pbp", "season": "2021"}]}
        """);
    RetrySpec retry = new RetrySpec(2, Duration.ofSeconds(60), 2.0, Duration.ofMinutes(30), 0.0);
    Map<String, SourceDef> sources = Map.of(
        "espn", new SourceDef("espn", "collect", 1, RateLimit.NONE, retry, 1.0),
        "hoopr", new SourceDef("hoopr", "collect", 1, RateLimit.NONE, retry, 1.0));
    SourcesConfig none = SourcesConfig.NONE;
    // Dispatch every hour: the queued tasks stay PENDING for the test to look at.
    SourcesConfig config = new SourcesConfig(Duration.ofHours(1), none.maxQueue(),
        none.priorityCaps(), none.cooldown(), none.aging(), RateLimit.NONE, sources, null);
    WorkflowDef collect = workflow("collect")
        .params(Map.of("season", "", "game_id", "", "data_type", ""))
        .step(step("fetch").run("true")).build();
    WorkflowDef reconcile = workflow("reconcile").cwd(sample.conf).cron("*/15 * * * *")
        .step(step("gaps").action(sample.reconcileAction())).build();
    WorkflowDef importGaps = workflow("import").cwd(sample.conf)
        .step(step("enqueue").action(new StepAction.Enqueue("inventory/gaps.json"))).build();
    daemon = DaemonFixture.startWithSources(dir, store(), clock, config, collect, reconcile,
        importGaps);
  }

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  private RunRecord run(String workflow) {
    return daemon.runToEnd(workflow, Duration.ofSeconds(60));
  }

  private Map<String, String> queued() {
    return daemon.daemon().queues().current().list(TaskFilter.all().withLimit(1000)).stream()
        .collect(Collectors.toMap(Task::dedupeKey, t -> t.priority().name()));
  }

  private List<ReconciliationRecord> latest() {
    return new ReconciliationRepository(daemon.daemon().jdbc()).latest();
  }

  @Test
  void a_reconcile_run_queues_the_gaps_once_and_records_each_try() {
    RunRecord first = run("reconcile");
    clock.tick(Duration.ofMinutes(15));
    RunRecord second = run("reconcile");

    assertThat(first.state()).as(first.error()).isEqualTo(RunState.SUCCEEDED);
    assertThat(second.state()).isEqualTo(RunState.SUCCEEDED);
    assertThat(queued()).isEqualTo(SampleInventory.GAPS);
    List<Task> tasks = daemon.daemon().queues().current().list(TaskFilter.all());
    assertThat(tasks).allSatisfy(t -> assertThat(t.maxAttempts()).isEqualTo(2));

    List<ReconciliationRecord> records =
        new ReconciliationRepository(daemon.daemon().jdbc()).history("reconcile", "gaps", 10);
    assertThat(records).extracting(ReconciliationRecord::runId)
        .containsExactly(second.id(), first.id());
    assertThat(records).extracting(ReconciliationRecord::tasksCreated).containsExactly(0L, 7L);
    assertThat(records).extracting(ReconciliationRecord::tasksDeduplicated).containsExactly(7L, 0L);
    ReconciliationRecord last = records.get(0);
    assertThat(last.itemsExpected()).isEqualTo(16L);
    assertThat(last.itemsCollected()).isEqualTo(10L);
    assertThat(last.gapsFound()).isEqualTo(7);
    assertThat(last.finishedAt()).isEqualTo(SampleInventory.NOW.plus(Duration.ofMinutes(15)));
    assertThat(last.inventoryAgeSeconds()).isEqualTo(Duration.ofMinutes(75).toSeconds());
  }

  @Test
  void an_inventory_older_than_max_inventory_age_makes_the_run_succeed_with_warnings() {
    clock.tick(Duration.ofHours(3));

    RunRecord run = run("reconcile");

    assertThat(run.state()).isEqualTo(RunState.SUCCEEDED_WITH_WARNINGS);
    assertThat(daemon.steps(run.id()).get(0).error())
        .isEqualTo("inventory older than max_inventory_age 2h: the newest file of source espn is 4h old");
    assertThat(queued()).hasSize(7);
  }

  @Test
  void a_bad_manifest_fails_the_run_without_retry_and_queues_nothing() {
    sample.write("inventory/expected.csv", "season,game_id\n2025,1,extra\n");

    RunRecord run = run("reconcile");

    assertThat(run.state()).isEqualTo(RunState.FAILED);
    assertThat(daemon.steps(run.id())).hasSize(1);
    assertThat(daemon.steps(run.id()).get(0).error())
        .endsWith("expected.csv:2: expected 2 fields (season, game_id), found 3");
    assertThat(queued()).isEmpty();
    assertThat(latest()).isEmpty();
  }

  @Test
  void the_latest_record_of_each_step_reaches_the_api_and_the_cli() throws Exception {
    run("reconcile");
    run("import");
    clock.tick(Duration.ofMinutes(15));
    RunRecord again = run("reconcile");

    JsonNode json = new ObjectMapper().readTree(cli("reconciliation", "--json"));
    assertThat(json).hasSize(2);
    assertThat(json.get(0).get("workflow_id").asText()).isEqualTo("import");
    assertThat(json.get(0).get("kind").asText()).isEqualTo("enqueue");
    assertThat(json.get(0).get("tasks_created").asLong()).isEqualTo(1);
    assertThat(json.get(0).get("items_expected").isNull()).isTrue();
    JsonNode r = json.get(1);
    assertThat(r.get("workflow_id").asText()).isEqualTo("reconcile");
    assertThat(r.get("step_id").asText()).isEqualTo("gaps");
    assertThat(r.get("run_id").asLong()).isEqualTo(again.id());
    assertThat(r.get("gaps_found").asLong()).isEqualTo(7);
    assertThat(r.get("by_priority").toString())
        .isEqualTo("{\"critical\":1,\"high\":3,\"normal\":1,\"low\":2,\"background\":0}");
    assertThat(r.get("tasks_deduplicated").asLong()).isEqualTo(7);
    assertThat(r.get("inventory_age_seconds").asLong()).isEqualTo(4500);
    assertThat(r.get("stalest_source").asText()).isEqualTo("espn");

    String table = cli("reconciliation", "reconcile");
    assertThat(table.lines().toList()).hasSize(2);
    assertThat(table).contains("reconcile").contains("1/3/1/2").contains("1h15m (espn)");
  }

  /** Runs the CLI against the daemon (its state dir is ../var of the conf dir); returns stdout. */
  private String cli(String... args) {
    PrintStream out = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    int code;
    try {
      String[] all = new String[args.length + 2];
      all[0] = "--config";
      all[1] = dir.resolve("conf").toString();
      System.arraycopy(args, 0, all, 2, args.length);
      code = ShotClockCli.run(all);
    } finally {
      System.setOut(out);
    }
    assertThat(code).as(buf.toString(StandardCharsets.UTF_8)).isZero();
    return buf.toString(StandardCharsets.UTF_8);
  }
}
