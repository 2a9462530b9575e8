package dev.shotclock.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProblemReportingTest {

  @TempDir Path tmp;

  @Test
  void five_different_mistakes_in_one_file_are_all_reported_with_line_and_path() {
    ConfigDir dir =
        new ConfigDir(tmp)
            .workflow(
                "overnight.yaml",
                """
                id: overnight
                overlap: sometimes
                steps:
                  - id: espn
                    run: ["python3", "espn.py"]
                    timout: 1h
                  - id: hoopr
                    run: Rscript hoopr.R
                  - id: mapping
                    run: ["python3", "mapping.py"]
                    depends_on: [espn, bbref]
                    retry:
                      max_attempts: 0
                """);

    ConfigException e = catchThrowableOfType(ConfigException.class, dir::load);

    assertThat(e.problems())
        .extracting(ConfigProblem::line, ConfigProblem::path)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2, "overlap"),
            org.assertj.core.groups.Tuple.tuple(6, "steps[0]"),
            org.assertj.core.groups.Tuple.tuple(8, "steps[1].run"),
            org.assertj.core.groups.Tuple.tuple(11, "steps[2].depends_on[1]"),
            org.assertj.core.groups.Tuple.tuple(13, "steps[2].retry.max_attempts"));
    assertThat(e.problems())
        .allSatisfy(
            p -> assertThat(p.file()).isEqualTo(dir.dir.resolve("workflows/overnight.yaml")));
    assertThat(e.lines())
        .containsExactly(
            "conf/workflows/overnight.yaml:2 overlap: 'sometimes' is not one of forbid, queue,"
                + " replace, allow",
            "conf/workflows/overnight.yaml:6 steps[0]: unknown key 'timout'; did you mean"
                + " 'timeout'?",
            "conf/workflows/overnight.yaml:8 steps[1].run: run must be an argv list, not a shell"
                + " string: Rscript hoopr.R (write [\"Rscript\", \"hoopr.R\"])",
            "conf/workflows/overnight.yaml:11 steps[2].depends_on[1]: unknown step 'bbref'",
            "conf/workflows/overnight.yaml:13 steps[2].retry.max_attempts: must be between 1 and"
                + " 100, got '0'");
    assertThat(e)
        .hasMessageStartingWith(
            "5 configuration problem(s):\n  conf/workflows/overnight.yaml:2 overlap:");
  }

  @Test
  void problems_of_all_files_come_together_settings_first_then_workflows_by_name() {
    ConfigDir dir =
        new ConfigDir(tmp)
            .settings("admin: {port: -1}\n")
            .workflow("b.yaml", "id: b\nsteps: [{id: s, run: [x], critical: 1}]\n")
            .workflow("a.yaml", "id: a\nsteps: [{id: s}]\n");

    assertThat(dir.problems())
        .containsExactly(
            "conf/shotclock.yaml:1 admin.port: must be between 0 and 65535, got '-1'",
            "conf/workflows/a.yaml:2 steps[0]: step needs an action: run, http, reconcile, enqueue",
            "conf/workflows/b.yaml:2 steps[0].critical: expected true or false, got '1'");
  }

  @Test
  void invalid_yaml_is_reported_at_its_line_and_the_other_files_are_still_checked() {
    ConfigDir dir =
        new ConfigDir(tmp)
            .workflow("a.yaml", "id: a\nsteps:\n  - id: s\n    run: [x, y\n  - id: t\n")
            .workflow("b.yaml", "id: b\n");

    assertThat(dir.problems())
        .containsExactly(
            "conf/workflows/a.yaml:5 invalid YAML: expected ',' or ']', but got : (while parsing a"
                + " flow sequence started on line 4)",
            "conf/workflows/b.yaml:1 steps: is required");
  }

  @Test
  void invalid_settings_yaml_still_checks_the_workflows_against_default_settings() {
    ConfigDir dir =
        new ConfigDir(tmp)
            .settings("admin:\n\tport: 1\n")
            .workflow(
                "a.yaml",
                "id: a\ntriggers: [{cron: \"0 3 * * *\"}]\nsteps: [{id: s, run: [x]}]\nextra: 1\n");

    assertThat(dir.problems())
        .hasSize(2)
        .satisfies(
            lines -> assertThat(lines.get(0)).startsWith("conf/shotclock.yaml:2 invalid YAML: "))
        .satisfies(
            lines ->
                assertThat(lines.get(1))
                    .isEqualTo(
                        "conf/workflows/a.yaml:4 unknown key 'extra'; valid keys: id, retry,"
                            + " params, description, triggers, catch_up, overlap, timeout,"
                            + " on_crash, env, env_file, cwd, steps, notify, circuit_breaker,"
                            + " collects_data, on_success_of, on_completion_of, fallback_window, blackouts"));
  }

  @Test
  void a_duplicate_key_is_reported_with_the_first_line() {
    assertThat(new ConfigDir(tmp).settings("admin:\n  port: 1\n  port: 2\n").problems())
        .containsExactly("conf/shotclock.yaml:3 admin.port: duplicate key (first on line 2)");
  }

  @Test
  void yaml_aliases_are_refused() {
    assertThat(new ConfigDir(tmp).settings("node_id: &n box\nstore: {username: *n}\n").problems())
        .containsExactly(
            "conf/shotclock.yaml:2 store.username: YAML aliases (*n) are not supported");
  }

  @Test
  void a_value_longer_than_64_KiB_is_refused_at_its_line_and_field() {
    String huge = "x".repeat(64 * 1024 + 1);
    assertThat(new ConfigDir(tmp).settings("node_id: a\nstore: {username: " + huge + "}\n").problems())
        .containsExactly("conf/shotclock.yaml:2 store.username: longer than 65536 characters (65537);"
            + " configuration values are settings, not data");
  }

  @Test
  void nesting_deeper_than_the_parser_allows_is_reported_at_its_line() {
    String deep = "[".repeat(1000) + "]".repeat(1000);
    assertThat(new ConfigDir(tmp).settings("node_id: a\n\nstore: " + deep + "\n").problems())
        .containsExactly("conf/shotclock.yaml:3 invalid YAML: Document nesting depth (1001) exceeds"
            + " the maximum allowed (1000)");
  }

  @Test
  void a_second_yaml_document_is_refused() {
    assertThat(new ConfigDir(tmp).settings("node_id: a\n---\nnode_id: b\n").problems())
        .containsExactly(
            "conf/shotclock.yaml:3 a file holds one YAML document; a second one starts here");
  }

  @Test
  void a_file_that_is_not_a_mapping_is_reported() {
    assertThat(new ConfigDir(tmp).workflow("w.yaml", "- id: w\n").problems())
        .containsExactly(
            "conf/workflows/w.yaml:1 expected a mapping of keys, got a list",
            "conf/workflows/w.yaml:1 id: is required",
            "conf/workflows/w.yaml:1 steps: is required");
  }

  @Test
  void problems_are_located_for_tools_too() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                new ConfigDir(tmp)
                    .environment(Map.of())
                    .settings("\n\nscheduler:\n  threads: 0\n")
                    .load());

    assertThat(e.problems())
        .containsExactly(
            new ConfigProblem(
                tmp.resolve("conf/shotclock.yaml"),
                4,
                "scheduler.threads",
                "must be between 1 and 200, got '0'"));
  }

  @Test
  void a_settings_file_named_yml_is_not_silently_ignored() {
    assertThat(new ConfigDir(tmp).write("shotclock.yml", "node_id: a\n").problems())
        .containsExactly(
            "conf/shotclock.yml the settings file is named shotclock.yaml; rename this one");
  }

  @Test
  void a_workflows_path_that_is_not_a_directory_is_reported() {
    assertThat(new ConfigDir(tmp).write("workflows", "id: w\n").problems())
        .containsExactly("conf/workflows must be a directory of workflow files");
  }
}
