package dev.shotclock.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubstitutionTest {

  @TempDir Path tmp;

  /** Loads a one-step workflow whose argv is {@code argvYaml} and returns the bound argv. */
  private List<String> argv(Map<String, String> environment, String argvYaml) {
    return ((StepAction.Run)
            workflow(environment, argvYaml).loadWorkflow("w").steps().get(0).action())
        .argv();
  }

  private ConfigDir workflow(Map<String, String> environment, String argvYaml) {
    return new ConfigDir(tmp)
        .environment(environment)
        .workflow(
            "w.yaml",
            """
            id: w
            params: {day: "1", season: "2024"}
            steps:
              - id: s
                run: %s
            """
                .formatted(argvYaml));
  }

  @Test
  void a_variable_is_replaced_with_its_value() {
    assertThat(argv(Map.of("PYTHON", "/usr/bin/python3"), "[\"${PYTHON}\", \"x-${PYTHON}-y\"]"))
        .containsExactly("/usr/bin/python3", "x-/usr/bin/python3-y");
  }

  @Test
  void the_default_applies_when_the_variable_is_unset_or_empty() {
    assertThat(
            argv(
                Map.of("EMPTY", ""),
                "[\"${PYTHON:-python3}\", \"${EMPTY:-fallback}\", \"${EMPTY}\"]"))
        .containsExactly("python3", "fallback", "");
  }

  @Test
  void a_set_variable_wins_over_its_default() {
    assertThat(argv(Map.of("PYTHON", "pypy"), "[\"${PYTHON:-python3}\"]")).containsExactly("pypy");
  }

  @Test
  void a_doubled_dollar_is_a_literal() {
    assertThat(
            argv(Map.of("HOME", "/root"), "[echo, \"$${HOME} is ${HOME}\", \"$$ and $HOME stay\"]"))
        .containsExactly("echo", "${HOME} is /root", "$$ and $HOME stay");
  }

  @Test
  void an_undefined_variable_is_reported_at_its_line() {
    assertThat(workflow(Map.of(), "[\"${PYTHON}\", x.py]").problems())
        .containsExactly(
            "conf/workflows/w.yaml:5 steps[0].run[0]: undefined variable ${PYTHON}; set it in the"
                + " daemon's environment or write ${PYTHON:-<default>}");
  }

  @Test
  void a_declared_parameter_reference_is_left_for_the_runner() {
    assertThat(argv(Map.of(), "[fetch, \"--day=${param.day}\", \"${param.season}\"]"))
        .containsExactly("fetch", "--day=${param.day}", "${param.season}");
  }

  @Test
  void an_undeclared_parameter_reference_is_reported() {
    assertThat(workflow(Map.of(), "[fetch, \"${param.days}\", \"${param.team}\"]").problems())
        .containsExactly(
            "conf/workflows/w.yaml:5 steps[0].run[1]: ${param.days} is not declared in params; did"
                + " you mean 'day'?",
            "conf/workflows/w.yaml:5 steps[0].run[2]: ${param.team} is not declared in params");
  }

  @Test
  void malformed_references_are_reported() {
    assertThat(workflow(Map.of(), "[\"${two words}\", \"${param.}\", \"${UNCLOSED\"]").problems())
        .containsExactly(
            "conf/workflows/w.yaml:5 steps[0].run[0]: invalid variable reference ${two words}"
                + " (names are letters, digits and _; write $${ for a literal ${)",
            "conf/workflows/w.yaml:5 steps[0].run[1]: invalid parameter reference ${param.}",
            "conf/workflows/w.yaml:5 steps[0].run[2]: '${' without a closing '}' (write $${ for a"
                + " literal ${)");
  }

  @Test
  void keys_are_not_substituted() {
    ConfigDir dir =
        new ConfigDir(tmp)
            .environment(Map.of("NAME", "x"))
            .workflow(
                "w.yaml",
                """
                id: w
                env:
                  ${NAME}: value
                steps: [{id: s, run: [x]}]
                """);

    assertThat(dir.problems())
        .containsExactly(
            "conf/workflows/w.yaml:3 env.${NAME}: invalid name '${NAME}': use letters, digits and"
                + " _, not starting with a digit");
  }

  @Test
  void every_string_of_a_workflow_is_substituted() {
    ConfigDir dir =
        new ConfigDir(tmp)
            .environment(Map.of("HOME_DIR", "/srv/nba", "ZONE", "Europe/Paris"))
            .workflow(
                "w.yaml",
                """
                id: w
                cwd: ${HOME_DIR}
                env_file: ${HOME_DIR}/.env
                triggers:
                  - cron: "0 3 * * *"
                    timezone: ${ZONE}
                steps:
                  - id: s
                    run: [x]
                    env: {DATA: "${HOME_DIR}/data"}
                    timeout: ${TIMEOUT:-90s}
                """);

    WorkflowDef w = dir.loadWorkflow("w");

    assertThat(w.cwd()).isEqualTo(Path.of("/srv/nba"));
    assertThat(w.envFile()).isEqualTo(Path.of("/srv/nba/.env"));
    assertThat(w.triggers().get(0).timezone()).hasToString("Europe/Paris");
    assertThat(w.steps().get(0).env()).containsEntry("DATA", "/srv/nba/data");
    assertThat(w.steps().get(0).timeout()).hasSeconds(90);
  }
}
