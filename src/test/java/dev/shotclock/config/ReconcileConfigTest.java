package dev.shotclock.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Binding of {@code reconcile} and {@code enqueue} steps, and every mistake in them. */
class ReconcileConfigTest {

  @TempDir Path tmp;

  private static final String SOURCES = """
      sources:
        espn: { workflow: collect }
        hoopr: { workflow: collect }
      """;

  private static final String COLLECT = """
      id: collect
      params: { season: "", game_id: "" }
      steps:
        - id: fetch
          run: ["true"]
      """;

  private ConfigDir dir(String workflow) {
    return new ConfigDir(tmp).write("sources.yaml", SOURCES).workflow("collect.yaml", COLLECT)
        .workflow("w.yaml", workflow);
  }

  @Test
  void a_reconcile_and_an_enqueue_step_are_bound_with_their_defaults() {
    ShotClockConfig c = dir("""
        id: w
        params: { file: gaps.json }
        steps:
          - id: reconcile
            reconcile:
              manifest: inventory/expected.csv
              current_season: "2025-26"
              max_inventory_age: 1h
              sources:
                - source: espn
                  path: data/espn/pbp/{season}/{game_id}.json
                  min_size: 1KiB
                  freshness: 7d
                  operation: pbp
                - source: hoopr
                  path: data/hoopr/{season}/{game_id}.parquet
          - id: import
            enqueue: { file: "inventory/${param.file}" }
        """).load();

    List<StepDef> steps = c.workflow("w").orElseThrow().steps();
    assertThat(steps.get(0).action()).isEqualTo(new StepAction.Reconcile("inventory/expected.csv",
        "2025-26", List.of(
            new StepAction.Reconcile.Source("espn", "data/espn/pbp/{season}/{game_id}.json", 1024,
                Duration.ofDays(7), "pbp"),
            new StepAction.Reconcile.Source("hoopr", "data/hoopr/{season}/{game_id}.parquet",
                StepAction.Reconcile.DEFAULT_MIN_SIZE, null, null)),
        Duration.ofHours(1)));
    assertThat(steps.get(1).action()).isEqualTo(new StepAction.Enqueue("inventory/${param.file}"));
  }

  @Test
  void every_reconcile_step_mistake_is_reported_with_line_and_field_path() {
    assertThat(dir("""
        id: w
        steps:
          - id: a
            reconcile:
              current_season: last
              max_inventory_age: -1h
              sources: []
              scan: full
          - id: b
            reconcile:
              manifest: ""
              sources:
                - source: espm
                  path: data/{season/x.json
                  min_size: -1
                  freshness: 0
                  operation: "a:b"
                - path: data/all.json
                - source: hoopr
                  path: "data/{2season}.json"
                - source: hoopr
                  path: "data/{season}}.json"
                  min_size: 0
          - id: c
            reconcile:
              manifest: m.csv
              sources:
                - { source: espn, path: "a/{season}.json" }
                - { source: espn, path: "b/{season}.json", fresh: 7d }
          - id: d
            enqueue: { path: gaps.json }
        """).problems())
        .containsExactly(
            "conf/workflows/w.yaml:4 steps[0].reconcile.manifest: is required",
            "conf/workflows/w.yaml:5 steps[0].reconcile.current_season: must be a season as the"
                + " manifest writes it: 2025, 2025-26 or 2025-2026, got 'last'",
            "conf/workflows/w.yaml:6 steps[0].reconcile.max_inventory_age: must not be negative",
            "conf/workflows/w.yaml:7 steps[0].reconcile.sources: must not be empty: list where each"
                + " source keeps its files",
            "conf/workflows/w.yaml:8 steps[0].reconcile: unknown key 'scan'; valid keys: manifest,"
                + " current_season, sources, max_inventory_age, max_tasks",
            "conf/workflows/w.yaml:11 steps[1].reconcile.manifest: must not be empty, got ''",
            "conf/workflows/w.yaml:13 steps[1].reconcile.sources[0].source: no source 'espm' in"
                + " sources.yaml; did you mean 'espn'?",
            "conf/workflows/w.yaml:14 steps[1].reconcile.sources[0].path: unclosed '{' in"
                + " 'data/{season/x.json'; whether each placeholder is a manifest column is checked"
                + " when the step runs",
            "conf/workflows/w.yaml:15 steps[1].reconcile.sources[0].min_size: invalid size '-1'; use"
                + " e.g. 512, 64KB, 50MB or 1GB",
            "conf/workflows/w.yaml:16 steps[1].reconcile.sources[0].freshness: must be more than 0,"
                + " got '0'",
            "conf/workflows/w.yaml:17 steps[1].reconcile.sources[0].operation: must be 1 to 100 of"
                + " letters, digits, '.', '_', '-', got 'a:b'",
            "conf/workflows/w.yaml:18 steps[1].reconcile.sources[1].source: is required",
            "conf/workflows/w.yaml:18 steps[1].reconcile.sources[1].path: 'data/all.json' has no"
                + " {column} placeholder, so every item would map to the same file; whether each"
                + " placeholder is a manifest column is checked when the step runs",
            "conf/workflows/w.yaml:20 steps[1].reconcile.sources[2].path: placeholder {2season} in"
                + " 'data/{2season}.json' must be a column name: letters, digits and _, not starting"
                + " with a digit; whether each placeholder is a manifest column is checked when the"
                + " step runs",
            "conf/workflows/w.yaml:21 steps[1].reconcile.sources[3]: source 'hoopr' without"
                + " operation is already listed at line 19; give each entry of a source its own"
                + " operation",
            "conf/workflows/w.yaml:22 steps[1].reconcile.sources[3].path: '}' without '{' in"
                + " 'data/{season}}.json'; whether each placeholder is a manifest column is checked"
                + " when the step runs",
            "conf/workflows/w.yaml:29 steps[2].reconcile.sources[1]: unknown key 'fresh'; valid"
                + " keys: source, path, min_size, freshness, operation",
            "conf/workflows/w.yaml:29 steps[2].reconcile.sources[1]: source 'espn' without operation"
                + " is already listed at line 28; give each entry of a source its own operation",
            "conf/workflows/w.yaml:31 steps[3].enqueue.file: is required",
            "conf/workflows/w.yaml:31 steps[3].enqueue: unknown key 'path'; valid keys: file");
  }

  @Test
  void without_sources_yaml_a_reconcile_source_has_nowhere_to_run() {
    assertThat(new ConfigDir(tmp).workflow("w.yaml", """
        id: w
        steps:
          - id: a
            reconcile:
              manifest: m.csv
              sources: [{ source: espn, path: "x/{season}.json" }]
        """).problems())
        .containsExactly("conf/workflows/w.yaml:6 steps[0].reconcile.sources[0].source: no source"
            + " 'espn' in sources.yaml (there is no sources.yaml)");
  }

  @Test
  void a_step_without_an_action_names_every_kind() {
    assertThat(dir("""
        id: w
        steps:
          - id: a
            cwd: x
        """).problems())
        .containsExactly("conf/workflows/w.yaml:3 steps[0]: step needs an action: run, http,"
            + " reconcile, enqueue");
  }
}
