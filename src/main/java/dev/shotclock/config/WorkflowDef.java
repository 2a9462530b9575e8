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
 * @param notifiers ({@code notify:} in YAML) names of the notifiers told about this workflow's runs; null = every notifier
 * @param circuitBreaker null = none
 * @param collectsData a data-collection workflow: its slots are recorded SKIPPED_RESOURCE instead
 *     of running while the watchdog sees disk space below {@code watchdog.min_free}
 * @param upstream workflows whose end starts this one ({@code on_success_of}, {@code on_completion_of})
 * @param blackouts windows in which its scheduled fires are skipped (besides the global ones)
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
    List<String> notifiers,
    CircuitBreakerDef circuitBreaker,
    boolean collectsData,
    UpstreamDef upstream,
    List<BlackoutWindow> blackouts,
    Path sourceFile) {

  public WorkflowDef {
    triggers = List.copyOf(triggers);
    params = Map.copyOf(params);
    env = Map.copyOf(env);
    steps = List.copyOf(steps);
    notifiers = notifiers == null ? null : List.copyOf(notifiers);
    blackouts = List.copyOf(blackouts);
  }

  /**
   * A fingerprint of when the workflow fires (its triggers' cron and time zone, jitter aside). When
   * it changes, slots of the old schedule stop counting as missed slots of the new one.
   */
  public String scheduleFingerprint() {
    String text = triggers.stream().map(t -> t.cron().trim() + "@" + t.timezone().getId())
        .reduce("", (a, b) -> a + "|" + b);
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  public Optional<StepDef> step(String stepId) {
    return steps.stream().filter(s -> s.id().equals(stepId)).findFirst();
  }
}
