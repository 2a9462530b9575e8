package dev.shotclock.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DependenciesTest {

  @TempDir Path tmp;

  /**
   * A workflow whose steps a, b, c, d each run {@code true}, with the given depends_on per step.
   */
  private ConfigDir workflow(String... dependsOnPerStep) {
    StringBuilder yaml = new StringBuilder("id: w\nsteps:\n");
    for (int i = 0; i < dependsOnPerStep.length; i++) {
      yaml.append("  - id: ").append((char) ('a' + i)).append("\n    run: [\"true\"]\n");
      if (!dependsOnPerStep[i].isEmpty()) {
        yaml.append("    depends_on: ").append(dependsOnPerStep[i]).append("\n");
      }
    }
    return new ConfigDir(tmp).workflow("w.yaml", yaml.toString());
  }

  private DependsOn dependsOnOf(ConfigDir dir, String step) {
    return dir.loadWorkflow("w").step(step).orElseThrow().dependsOn();
  }

  @Test
  void a_list_means_each_must_succeed() {
    ConfigDir dir = workflow("", "", "[a, b]");

    assertThat(dependsOnOf(dir, "c"))
        .isEqualTo(
            new DependsOn(
                Map.of("a", DependencyMode.SUCCEEDED, "b", DependencyMode.SUCCEEDED), null));
  }

  @Test
  void a_mapping_gives_each_step_its_mode_and_may_add_a_quorum() {
    ConfigDir dir = workflow("", "", "", "{a: completed, b: succeeded, quorum: 2, of: [a, b, c]}");

    DependsOn d = dependsOnOf(dir, "d");

    assertThat(d.edges())
        .isEqualTo(Map.of("a", DependencyMode.COMPLETED, "b", DependencyMode.SUCCEEDED));
    assertThat(d.quorum()).isEqualTo(new DependsOn.Quorum(2, List.of("a", "b", "c")));
    assertThat(d.upstream()).containsExactly("a", "b", "c");
  }

  @Test
  void an_unknown_step_is_reported_with_the_nearest_id() {
    ConfigDir dir =
        new ConfigDir(tmp)
            .workflow(
                "w.yaml",
                """
                id: w
                steps:
                  - id: espn
                    run: [x]
                  - id: mapping
                    run: [x]
                    depends_on: [epsn, nowhere]
                """);

    assertThat(dir.problems())
        .containsExactly(
            "conf/workflows/w.yaml:7 steps[1].depends_on[0]: unknown step 'epsn'; did you mean"
                + " 'espn'?",
            "conf/workflows/w.yaml:7 steps[1].depends_on[1]: unknown step 'nowhere'");
  }

  @Test
  void an_unknown_step_in_a_mapping_or_quorum_is_reported_where_it_is_written() {
    assertThat(workflow("", "{z: completed, quorum: 1, of: [a, y]}").problems())
        .containsExactly(
            "conf/workflows/w.yaml:7 steps[1].depends_on.z: unknown step 'z'",
            "conf/workflows/w.yaml:7 steps[1].depends_on.of[1]: unknown step 'y'");
  }

  @Test
  void a_step_cannot_depend_on_itself() {
    assertThat(workflow("[a]").problems())
        .containsExactly(
            "conf/workflows/w.yaml:5 steps[0].depends_on[0]: step 'a' cannot depend on itself");
  }

  @Test
  void a_cycle_is_reported_with_its_path_from_the_first_step() {
    assertThat(workflow("[c]", "[a]", "[b]", "[a]").problems())
        .containsExactly(
            "conf/workflows/w.yaml:5 steps[0].depends_on: dependency cycle: a -> c -> b -> a");
  }

  @Test
  void a_cycle_that_does_not_involve_the_first_step_is_found_too() {
    assertThat(workflow("", "[c]", "{b: completed}").problems())
        .containsExactly(
            "conf/workflows/w.yaml:7 steps[1].depends_on: dependency cycle: b -> c -> b");
  }

  @Test
  void two_separate_cycles_are_both_reported() {
    assertThat(workflow("[b]", "[a]", "[d]", "[c]").problems())
        .containsExactly(
            "conf/workflows/w.yaml:5 steps[0].depends_on: dependency cycle: a -> b -> a",
            "conf/workflows/w.yaml:11 steps[2].depends_on: dependency cycle: c -> d -> c");
  }

  @Test
  void a_diamond_is_not_a_cycle() {
    ConfigDir dir = workflow("", "[a]", "[a]", "[b, c]");

    assertThat(dependsOnOf(dir, "d").upstream()).containsExactly("b", "c");
  }

  @Test
  void quorum_and_of_need_each_other() {
    assertThat(workflow("", "{quorum: 1}", "{of: [a]}").problems())
        .containsExactly(
            "conf/workflows/w.yaml:7 steps[1].depends_on: quorum needs 'of': the steps it counts",
            "conf/workflows/w.yaml:10 steps[2].depends_on: 'of' needs 'quorum': how many must"
                + " succeed");
  }

  @Test
  void a_quorum_counts_from_1_to_the_number_of_steps_in_of() {
    assertThat(workflow("", "", "{quorum: 3, of: [a, b]}", "{quorum: 0, of: [a]}").problems())
        .containsExactly(
            "conf/workflows/w.yaml:9 steps[2].depends_on.quorum: must be at most 2, the number of"
                + " steps in 'of', got '3'",
            "conf/workflows/w.yaml:12 steps[3].depends_on.quorum: must be at least 1, got '0'");
  }

  @Test
  void an_empty_of_is_reported() {
    assertThat(workflow("", "{quorum: 1, of: []}").problems())
        .containsExactly("conf/workflows/w.yaml:7 steps[1].depends_on.of: must not be empty");
  }

  @Test
  void a_mode_must_be_succeeded_or_completed() {
    assertThat(workflow("", "{a: finished}", "{a: }").problems())
        .containsExactly(
            "conf/workflows/w.yaml:7 steps[1].depends_on.a: 'finished' is not one of succeeded,"
                + " completed",
            "conf/workflows/w.yaml:10 steps[2].depends_on.a: needs 'succeeded' or 'completed'");
  }

  @Test
  void a_step_listed_twice_is_reported() {
    assertThat(workflow("", "[a, a]").problems())
        .containsExactly("conf/workflows/w.yaml:7 steps[1].depends_on[1]: 'a' is listed twice");
  }

  @Test
  void a_single_id_must_be_written_as_a_list() {
    assertThat(workflow("", "a").problems())
        .containsExactly(
            "conf/workflows/w.yaml:7 steps[1].depends_on: expected a list of step ids or a mapping,"
                + " got 'a' (write [a] for one step)");
  }
}
