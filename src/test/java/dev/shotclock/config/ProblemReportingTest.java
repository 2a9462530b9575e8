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
  void a_second_yaml_document_is_refused() {
    assertThat(new ConfigDir(tmp).settings("node_id: a\n---\nnode_id: b\n").problems())
        .containsExactly(
            "conf/shotclock.yaml:3 a file holds one YAML document; a second one starts here");
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
}
