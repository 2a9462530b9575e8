package dev.shotclock.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One step of a workflow.
 *
 * @param action what the step does (an external command, ...)
 * @param cwd working directory, null = the workflow's
 * @param env extra environment, values may use {@code ${param.NAME}}
 * @param envFile KEY=VALUE file read at step start, null = the workflow's
 * @param timeout per attempt, null = none
 * @param critical a critical step that does not succeed fails the run; a non-critical one only
 *     warns
 * @param locks named mutual-exclusion groups held while the step runs (e.g. {@code source:espn})
 * @param retry the effective policy: the loader fills fields the step does not set from the
 *     workflow's retry, then from {@link RetrySpec#NONE}, so a loaded step never has null here
 * @param processMatch a regular expression (validated at load) searched in the command lines of
 *     the machine's processes: a match outside this daemon means the job already runs (started by
 *     hand, by cron, by an old scheduler) and the try does not start; null = no check
 */
public record StepDef(
    String id,
    StepAction action,
    Path cwd,
    Map<String, String> env,
    Path envFile,
    Duration timeout,
    boolean critical,
    DependsOn dependsOn,
    List<String> locks,
    RetrySpec retry,
    SuccessRules success,
    String processMatch) {

  public StepDef {
    env = Map.copyOf(env);
    locks = List.copyOf(locks);
  }
}
