package dev.shotclock.adce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shotclock.config.StepAction;
import dev.shotclock.queue.Priority;
import dev.shotclock.queue.QueueSettings;
import dev.shotclock.queue.Task;
import dev.shotclock.queue.TaskFilter;
import dev.shotclock.queue.TaskOrigin;
import dev.shotclock.queue.TaskQueue;
import dev.shotclock.testsupport.MutableClock;
import dev.shotclock.testsupport.StoreFixture;
import dev.shotclock.testsupport.TestStores;
import dev.shotclock.workflow.BuiltinStep.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gap detection, priority rules and dedupe of the reconcile step on the sample inventory (H2). */
class ReconcileStepTest {

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(SampleInventory.NOW);
  StoreFixture db;
  SampleInventory sample;
  StepHarness steps;
  TaskQueue queue;

  @BeforeEach
  void setUp() throws Exception {
    db = StoreFixture.migrated(TestStores.Kind.H2, dir, clock);
    sample = new SampleInventory(dir, clock);
    queue = new TaskQueue(db.jdbc(), clock, QueueSettings.defaults());
    Files.createDirectories(dir.resolve("results"));
    steps = new StepHarness(sample::load, db.jdbc(), clock, sample.conf, dir.resolve("results"));
  }

  @AfterEach
  void close() {
    db.close();
  }

  private StepHarness.Try reconcile(StepAction.Reconcile action) throws InterruptedException {
    return steps.run("reconcile", "gaps", action, Map.of());
  }

  private Map<String, String> queuedKeysAndPriorities() {
    return queue.list(TaskFilter.all().withLimit(1000)).stream()
        .collect(Collectors.toMap(Task::dedupeKey, t -> t.priority().name()));
  }

  private static JsonNode json(Path file) throws Exception {
    return new ObjectMapper().readTree(file.toFile());
  }

  @Test
  void the_sample_yields_exactly_its_gaps_with_the_original_priorities() throws Exception {
    StepHarness.Try t = reconcile(sample.reconcileAction());

    assertThat(t.outcome().verdict()).as(t.outcome().message()).isEqualTo(Verdict.SUCCEEDED);
    assertThat(queuedKeysAndPriorities()).isEqualTo(SampleInventory.GAPS);
    Task stale = queue.list(TaskFilter.all()).stream()
        .filter(k -> k.dedupeKey().equals("espn:pbp:2025:401700002")).findFirst().orElseThrow();
    assertThat(stale.source()).isEqualTo("espn");
    assertThat(stale.operation()).isEqualTo("pbp");
    assertThat(stale.params()).isEqualTo(Map.of("season", "2025", "game_id", "401700002"));
    assertThat(stale.origin()).isEqualTo(TaskOrigin.RECONCILIATION);
    assertThat(stale.maxAttempts()).as("the source's retry (sources.yaml default)").isEqualTo(3);

    JsonNode r = json(t.resultFile());
    assertThat(r.get("items_expected").asLong()).isEqualTo(16);
    assertThat(r.get("items_collected").asLong()).as("espn 3 (one stale), hoopr 7").isEqualTo(10);
    assertThat(r.get("gaps_found").asLong()).isEqualTo(7);
    assertThat(r.get("tasks_created").asLong()).isEqualTo(7);
    assertThat(r.get("tasks_deduplicated").asLong()).isZero();
    assertThat(r.get("by_priority").toString())
        .isEqualTo("{\"critical\":1,\"high\":3,\"normal\":1,\"low\":2,\"background\":0}");
    assertThat(r.get("by_kind").toString()).isEqualTo("{\"missing\":4,\"too_small\":2,\"stale\":1}");
    assertThat(r.get("current_season_year").asInt()).isEqualTo(2025);
    assertThat(r.get("inventory_age_seconds").asLong()).isEqualTo(3600);
    assertThat(t.log().text).contains("16 expected, 10 collected, 7 gap(s)");
  }

  @Test
  void max_tasks_queues_the_most_urgent_gaps_and_warns_about_the_rest() throws Exception {
    StepAction.Reconcile a = sample.reconcileAction();

    StepHarness.Try t = reconcile(new StepAction.Reconcile(a.manifest(), a.currentSeason(), a.sources(),
        a.maxInventoryAge(), 4));

    assertThat(t.outcome().verdict()).isEqualTo(Verdict.WARNING);
    assertThat(t.outcome().message()).contains("3 of 7 gap(s) not queued this time, the least urgent (max_tasks 4)");
    assertThat(queuedKeysAndPriorities()).isEqualTo(Map.of(
        "espn:pbp:2025:401700002", "CRITICAL", "espn:pbp:2025:401700003", "HIGH",
        "espn:pbp:2025:401700004", "HIGH", "hoopr:2025:401700001", "HIGH"));
    assertThat(json(t.resultFile()).get("gaps_found").asLong()).isEqualTo(7);
  }

  @Test
  void a_queue_with_little_room_takes_the_most_urgent_part_that_fits() throws Exception {
    for (int i = 0; i < 998; i++) {
      queue.enqueue(dev.shotclock.queue.NewTask.of("hoopr", "filler:" + i).withPriority(dev.shotclock.queue.Priority.BACKGROUND));
    }

    StepHarness.Try t = reconcile(sample.reconcileAction());

    assertThat(t.outcome().verdict()).isEqualTo(Verdict.WARNING);
    assertThat(t.outcome().message()).contains("gap(s) not queued this time, the least urgent (queue full:");
    assertThat(queuedKeysAndPriorities()).containsEntry("espn:pbp:2025:401700002", "CRITICAL")
        .doesNotContainKey("espn:pbp:2022:401400001");
  }

  @Test
  void running_it_again_creates_no_duplicate_and_records_both_tries() throws Exception {
    reconcile(sample.reconcileAction());
    clock.tick(Duration.ofMinutes(15));
    StepHarness.Try second = reconcile(sample.reconcileAction());

    assertThat(queuedKeysAndPriorities()).isEqualTo(SampleInventory.GAPS);
    JsonNode r = json(second.resultFile());
    assertThat(r.get("tasks_created").asLong()).isZero();
    assertThat(r.get("tasks_deduplicated").asLong()).isEqualTo(7);
    assertThat(r.get("outcomes").get("existing").asLong()).isEqualTo(7);

    ReconciliationRepository records = new ReconciliationRepository(db.jdbc());
    assertThat(records.history("reconcile", "gaps", 10)).hasSize(2);
    ReconciliationRecord latest = records.latest().get(0);
    assertThat(latest).isEqualTo(new ReconciliationRecord("reconcile", "gaps", "reconcile", 101,
        SampleInventory.NOW.plus(Duration.ofMinutes(15)), 16L, 10L, 7,
        Map.of("critical", 1L, "high", 3L, "normal", 1L, "low", 2L, "background", 0L), 0, 7,
        4500L, "espn"));
  }

  @Test
  void a_gap_that_becomes_more_urgent_raises_its_queued_task() throws Exception {
    reconcile(sample.reconcileAction());
    // Next season starts: 2025 is now the previous season, 2026 current. Pin 2024 as current
    // instead, which makes the 2024 gap (NORMAL) a current-season gap (HIGH).
    StepAction.Reconcile a = sample.reconcileAction();
    reconcile(new StepAction.Reconcile(a.manifest(), "2024-25", a.sources(), null));

    assertThat(queuedKeysAndPriorities()).containsEntry("espn:pbp:2024:401600001", "HIGH");
  }

  @Test
  void the_current_season_is_derived_from_the_date_by_the_original_rule() {
    assertThat(Seasons.currentFirstYear(MutableClock.at("2025-10-01T00:00:00Z"))).isEqualTo(2025);
    assertThat(Seasons.currentFirstYear(MutableClock.at("2025-12-31T23:59:59Z"))).isEqualTo(2025);
    assertThat(Seasons.currentFirstYear(MutableClock.at("2026-09-30T23:59:59Z"))).isEqualTo(2025);
    assertThat(Seasons.firstYear("2025-26")).isEqualTo(2025);
    assertThat(Seasons.firstYear("2025-2026")).isEqualTo(2025);
  }

  @Test
  void priorities_follow_the_original_rules() {
    assertThat(Seasons.priority(2025, 2025, Gap.Kind.STALE)).isEqualTo(Priority.CRITICAL);
    assertThat(Seasons.priority(2025, 2025, Gap.Kind.MISSING)).isEqualTo(Priority.HIGH);
    assertThat(Seasons.priority(2025, 2025, Gap.Kind.TOO_SMALL)).isEqualTo(Priority.HIGH);
    assertThat(Seasons.priority(2026, 2025, Gap.Kind.MISSING)).as("a future season counts as current")
        .isEqualTo(Priority.HIGH);
    assertThat(Seasons.priority(2024, 2025, Gap.Kind.MISSING)).isEqualTo(Priority.NORMAL);
    assertThat(Seasons.priority(2023, 2025, Gap.Kind.TOO_SMALL)).isEqualTo(Priority.LOW);
  }

  @Test
  void a_json_manifest_gives_the_same_gaps() throws Exception {
    sample.write("inventory/expected.json", """
        {"generated_at": "x", "items": [
          {"season": "2025", "game_id": 401700001},
          {"season": "2025", "game_id": 401700002},
          {"season": "2025", "game_id": 401700003},
          {"season": "2025", "game_id": 401700004},
          {"season": "2024", "game_id": 401600001},
          {"season": "2024", "game_id": 401600002},
          {"season": "2022", "game_id": 401400001},
          {"season": "2022-23", "game_id": 401400002}
        ]}
        """);
    StepAction.Reconcile a = sample.reconcileAction();
    StepHarness.Try t = reconcile(new StepAction.Reconcile("inventory/expected.json",
        a.currentSeason(), a.sources(), a.maxInventoryAge()));

    assertThat(t.outcome().verdict()).as(t.outcome().message()).isEqualTo(Verdict.SUCCEEDED);
    assertThat(queuedKeysAndPriorities()).isEqualTo(SampleInventory.GAPS);
  }

  @Test
  void an_inventory_older_than_max_inventory_age_ends_with_a_warning_and_still_queues() throws Exception {
    clock.tick(Duration.ofHours(2));  // newest files are now 3 h old; the sample allows 2 h

    StepHarness.Try t = reconcile(sample.reconcileAction());

    assertThat(t.outcome().verdict()).isEqualTo(Verdict.WARNING);
    assertThat(t.outcome().message()).isEqualTo("inventory older than max_inventory_age 2h: the"
        + " newest file of source espn is 3h old");
    assertThat(queuedKeysAndPriorities()).hasSize(7);
  }

  @Test
  void a_bad_manifest_line_fails_without_retry_naming_file_and_line() throws Exception {
    sample.write("inventory/expected.csv", "season,game_id\n2025,1\n\n2025\n");

    StepHarness.Try t = reconcile(sample.reconcileAction());

    assertThat(t.outcome().verdict()).isEqualTo(Verdict.FAILED);
    assertThat(t.outcome().retryable()).isFalse();
    assertThat(t.outcome().message()).isEqualTo(sample.conf.resolve("inventory/expected.csv")
        + ":4: expected 2 fields (season, game_id), found 1");
    assertThat(queuedKeysAndPriorities()).isEmpty();
    assertThat(new ReconciliationRepository(db.jdbc()).latest()).isEmpty();
  }

  @Test
  void manifest_values_that_are_paths_or_not_seasons_are_refused() throws Exception {
    sample.write("inventory/expected.csv", "season,game_id\n2025,../../etc\n");
    assertThat(reconcile(sample.reconcileAction()).outcome().message())
        .endsWith("expected.csv:2: game_id '../../etc' is a path, not a value ('/', '\\', '.' and '..' are not allowed)");

    sample.write("inventory/expected.csv", "season,game_id\nlast year,1\n");
    assertThat(reconcile(sample.reconcileAction()).outcome().message())
        .endsWith("expected.csv:2: season 'last year' is not a season: write 2025, 2025-26 or 2025-2026");

    sample.write("inventory/expected.csv", "game_id\n1\n");
    assertThat(reconcile(sample.reconcileAction()).outcome().message())
        .endsWith("expected.csv:1: the header has no 'season' column (found game_id)");

    sample.write("inventory/expected.json", "[{\"season\": \"2025\", \"game_id\": 1},\n {\"season\": \"2025\"}]");
    StepAction.Reconcile a = sample.reconcileAction();
    assertThat(reconcile(new StepAction.Reconcile("inventory/expected.json", null, a.sources(), null))
        .outcome().message()).endsWith("expected.json:2: items[1] has the fields [season], but the"
            + " first item has [season, game_id]; every item needs the same fields");
  }

  @Test
  void a_missing_manifest_fails_without_retry() throws Exception {
    StepAction.Reconcile a = sample.reconcileAction();
    StepHarness.Try t = reconcile(new StepAction.Reconcile("inventory/nope.csv", null, a.sources(), null));

    assertThat(t.outcome().retryable()).isFalse();
    assertThat(t.outcome().message()).isEqualTo(sample.conf.resolve("inventory/nope.csv")
        + ": no such manifest file");
  }

  @Test
  void a_placeholder_that_is_no_manifest_column_fails_at_run_time_and_says_why_then() throws Exception {
    sample.reconcileWorkflow("");
    String yaml = Files.readString(sample.conf.resolve("workflows/reconcile.yaml"));
    sample.write("workflows/reconcile.yaml", yaml.replace("{game_id}.parquet", "{gameid}.parquet"));

    StepHarness.Try t = reconcile(sample.reconcileAction());

    assertThat(t.outcome().verdict()).isEqualTo(Verdict.FAILED);
    assertThat(t.outcome().retryable()).isFalse();
    assertThat(t.outcome().message()).isEqualTo("reconcile.sources[1].path"
        + " 'data/hoopr/{season}/{gameid}.parquet': placeholder(s) [gameid] are not columns of the"
        + " manifest " + sample.conf.resolve("inventory/expected.csv") + " (its columns: season,"
        + " game_id); placeholders can only be checked against the manifest when the step runs, so"
        + " the configuration loaded");
  }

  @Test
  void manifest_columns_the_collector_does_not_declare_fail_before_anything_is_queued() throws Exception {
    sample.write("inventory/expected.csv", "season,game_id,arena\n2025,401700003,MSG\n");

    StepHarness.Try t = reconcile(sample.reconcileAction());

    assertThat(t.outcome().verdict()).isEqualTo(Verdict.FAILED);
    assertThat(t.outcome().message()).isEqualTo("source 'espn' runs workflow 'collect', which does"
        + " not declare the params [arena] its tasks carry (declared: [data_type, game_id, season]);"
        + " add them to its params; source 'hoopr' runs workflow 'collect', which does not declare"
        + " the params [arena] its tasks carry (declared: [data_type, game_id, season]); add them to"
        + " its params");
    assertThat(queuedKeysAndPriorities()).isEmpty();
  }

  @Test
  void the_manifest_and_paths_may_use_run_parameters() throws Exception {
    StepAction.Reconcile a = sample.reconcileAction();
    List<StepAction.Reconcile.Source> sources = List.of(new StepAction.Reconcile.Source("espn",
        "${param.root}/espn/{season}/{game_id}.json", 1024, null, "pbp"));
    StepHarness.Try t = steps.run("reconcile", "gaps", new StepAction.Reconcile(
        "inventory/${param.manifest}", "2025", sources, null),
        Map.of("root", "data", "manifest", "expected.csv"));

    assertThat(t.outcome().verdict()).as(t.outcome().message()).isEqualTo(Verdict.SUCCEEDED);
    // without freshness the stale file is no gap
    assertThat(queuedKeysAndPriorities().keySet()).containsExactlyInAnyOrder(
        "espn:pbp:2025:401700003", "espn:pbp:2025:401700004", "espn:pbp:2024:401600001",
        "espn:pbp:2022:401400001", "espn:pbp:2022-23:401400002");
  }

  @Test
  void the_enqueue_step_imports_a_gaps_file_once() throws Exception {
    sample.write("inventory/gaps.json", """
        {"total_tasks": 2, "tasks": [
          {"id": "task_000001", "priority": "CRITICAL", "source": "espn", "data_type": "pbp",
           "season": "2025", "game_id": "401700009"},
          {"id": "task_000002", "priority": "MEDIUM", "source": "hoopr", "data_type": "pbp",
           "season": "2024"}
        ]}
        """);
    StepAction.Enqueue action = new StepAction.Enqueue("inventory/${param.file}");

    StepHarness.Try first = steps.run("import", "enqueue", action, Map.of("file", "gaps.json"));
    StepHarness.Try second = steps.run("import", "enqueue", action, Map.of("file", "gaps.json"));

    assertThat(first.outcome().verdict()).as(first.outcome().message()).isEqualTo(Verdict.SUCCEEDED);
    assertThat(queuedKeysAndPriorities()).isEqualTo(Map.of(
        "gap:espn:pbp:season=2025:game=401700009", "CRITICAL", "gap:hoopr:pbp:season=2024", "NORMAL"));
    assertThat(json(first.resultFile()).get("tasks_created").asLong()).isEqualTo(2);
    assertThat(json(second.resultFile()).get("tasks_created").asLong()).isZero();
    assertThat(json(second.resultFile()).get("tasks_deduplicated").asLong()).isEqualTo(2);
    ReconciliationRecord r = new ReconciliationRepository(db.jdbc()).latest().get(0);
    assertThat(r.kind()).isEqualTo("enqueue");
    assertThat(r.gapsFound()).isEqualTo(2);
    assertThat(r.itemsExpected()).isNull();
  }

  @Test
  void the_enqueue_step_fails_clearly_on_a_missing_or_invalid_file() throws Exception {
    StepHarness.Try missing = steps.run("import", "enqueue", new StepAction.Enqueue("inventory/gaps.json"), Map.of());
    assertThat(missing.outcome().verdict()).isEqualTo(Verdict.FAILED);
    assertThat(missing.outcome().retryable()).isFalse();
    assertThat(missing.outcome().message()).isEqualTo("gaps file " + sample.conf.resolve("inventory/gaps.json")
        + " does not exist (did the step that writes it run?)");

    sample.write("inventory/gaps.json", "{\"tasks\": [{\"source\": \"nba\", \"data_type\": \"pbp\", \"priority\": \"HIGH\"}]}");
    StepHarness.Try unknown = steps.run("import", "enqueue", new StepAction.Enqueue("inventory/gaps.json"), Map.of());
    assertThat(unknown.outcome().message()).isEqualTo(sample.conf.resolve("inventory/gaps.json")
        + ": no source 'nba' in sources.yaml (known: [espn, hoopr])");
    assertThat(queuedKeysAndPriorities()).isEmpty();
  }
}
