package dev.shotclock.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code conf/workflows/*.yaml} file: a DAG of steps and when to run it.
 *
 * @param timeout whole-run limit; null means none
 * @param retry default retry policy of steps that declare none
 * @param params parameter defaults; a manual trigger or queued task may override them
 * @param env environment given to every step (a step's own {@code env} wins)
 * @param envFile a KEY=VALUE file read at each step start (not at load), null for none
 * @param cwd working directory of steps that declare none
 * @param sourceFile the YAML file this came from
 */
public record WorkflowDef(
    String id,
    String description,
    List<TriggerDef> triggers,
    CatchUp catchUp,
    OverlapPolicy overlap,
    Duration timeout,
    RetrySpec retry,
    CrashPolicy onCrash,
    Map<String, String> params,
    Map<String, String> env,
    Path envFile,
    Path cwd,
    List<StepDef> steps,
    Path sourceFile) {

  public WorkflowDef {
    triggers = List.copyOf(triggers);
    params = Map.copyOf(params);
    env = Map.copyOf(env);
    steps = List.copyOf(steps);
  }

  public Optional<StepDef> step(String stepId) {
    return steps.stream().filter(s -> s.id().equals(stepId)).findFirst();
  }
}
