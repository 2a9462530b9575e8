package dev.shotclock.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing of the original gaps.json; the import into a store is in the queue's contract test. */
class GapsImportTest {

  @TempDir Path dir;

  private Path write(String json) throws Exception {
    return Files.writeString(dir.resolve("gaps.json"), json);
  }

  @Test
  void each_gap_becomes_a_reconciliation_task_keyed_by_source_data_type_season_and_game()
      throws Exception {
    Path file = write("""
        {"tasks": [
          {"priority": "HIGH", "source": "ESPN", "data_type": "Box_Scores", "season": "2024-25",
           "game_id": "401584793", "gap_type": "season_incomplete", "missing_files": 1},
          {"priority": "MEDIUM", "source": "nba_api", "data_type": "team_dashboards",
           "gap_type": "overall_completeness"}
        ]}""");

    List<NewTask> tasks = GapsImport.parse(file);

    assertThat(tasks).extracting(NewTask::dedupeKey).containsExactly(
        "gap:espn:box_scores:season=2024-25:game=401584793", "gap:nba_api:team_dashboards");
    assertThat(tasks.get(0).source()).isEqualTo("espn");
    assertThat(tasks.get(0).priority()).isEqualTo(Priority.HIGH);
    assertThat(tasks.get(0).origin()).isEqualTo(TaskOrigin.RECONCILIATION);
    assertThat(tasks.get(0).params()).isEqualTo(Map.of("data_type", "box_scores",
        "season", "2024-25", "game_id", "401584793", "gap_type", "season_incomplete"));
    assertThat(tasks.get(1).priority()).isEqualTo(Priority.NORMAL);
  }

  @Test
  void every_bad_item_is_reported_with_the_file_and_its_json_path() throws Exception {
    Path file = write("""
        {"tasks": [
          {"priority": "URGENT", "source": "espn", "data_type": "box_scores"},
          {"priority": "LOW", "data_type": "box_scores"},
          {"priority": "LOW", "source": ["espn"], "data_type": " "},
          "not an object"
        ]}""");

    assertThatThrownBy(() -> GapsImport.parse(file))
        .isInstanceOfSatisfying(GapsImportException.class, e -> {
          assertThat(e.file()).isEqualTo(file.toString());
          assertThat(e.problems()).containsExactly(
              "tasks[0].priority: unknown priority 'URGENT': use CRITICAL, HIGH, NORMAL (or"
                  + " MEDIUM), LOW, BACKGROUND or 1 to 5",
              "tasks[1].source: missing",
              "tasks[2].source: must be a string, not array",
              "tasks[2].data_type: must not be blank",
              "tasks[3]: must be an object");
        })
        .hasMessageStartingWith(file + ": 5 problems");
  }

  @Test
  void a_file_without_a_tasks_array_is_refused() throws Exception {
    assertThatThrownBy(() -> GapsImport.parse(write("{\"total_tasks\": 0}")))
        .hasMessage(dir.resolve("gaps.json") + ": tasks: missing or not an array");
    assertThatThrownBy(() -> GapsImport.parse(write("[]")))
        .hasMessageContaining("$: must be a JSON object");
  }

  @Test
  void a_file_that_is_not_json_is_refused_with_its_position() throws Exception {
    assertThatThrownBy(() -> GapsImport.parse(write("{\"tasks\": [\n  {\"source\": }\n]}")))
        .isInstanceOf(GapsImportException.class)
        .hasMessageContaining("gaps.json: line 2, column")
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void a_file_that_cannot_be_read_is_refused_with_its_name() {
    Path missing = dir.resolve("inventory/gaps.json");

    assertThatThrownBy(() -> GapsImport.parse(missing))
        .isInstanceOf(GapsImportException.class)
        .hasMessageStartingWith(missing + ": cannot read");
  }
}
