package dev.shotclock.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NewTaskTest {

  @Test
  void a_new_task_defaults_to_a_normal_api_task_without_parameters() {
    NewTask t = NewTask.of("espn", "k");

    assertThat(t.priority()).isEqualTo(Priority.NORMAL);
    assertThat(t.origin()).isEqualTo(TaskOrigin.API);
    assertThat(t.params()).isEmpty();
    assertThat(t.operation()).isNull();
    assertThat(t.maxAttempts()).isNull();
  }

  @Test
  void fields_that_do_not_fit_the_table_are_refused_by_name() {
    assertThatThrownBy(() -> NewTask.of(" ", "k")).hasMessageContaining("source");
    assertThatThrownBy(() -> NewTask.of("espn", "k".repeat(251)))
        .hasMessageContaining("dedupeKey must be at most 250");
    assertThatThrownBy(() -> NewTask.of("espn", "k").withMaxAttempts(0))
        .hasMessageContaining("maxAttempts");
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("season", null);
    assertThatThrownBy(() -> NewTask.of("espn", "k").withParams(nullValue))
        .hasMessageContaining("params");
  }

  @Test
  void params_are_copied_so_later_changes_do_not_leak_in() {
    Map<String, String> params = new HashMap<>(Map.of("a", "1"));
    NewTask t = NewTask.of("espn", "k").withParams(params);
    params.put("b", "2");

    assertThat(t.params()).isEqualTo(Map.of("a", "1"));
  }
}
