package dev.shotclock.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Binds one {@code conf/workflows/*.yaml} file and checks what spans the whole file. */
final class WorkflowBinder {

  private static final Duration DEFAULT_MAX_LATENESS = Duration.ofHours(6);

  private final Path configDir;
  private final ZoneId defaultZone;
  private final CronSyntax cron;
  private final WorkflowIds ids;
  private final StepBinder steps;
  private final java.util.Set<String> notifiers;

  WorkflowBinder(Path configDir, ZoneId defaultZone, CronSyntax cron, WorkflowIds ids,
      java.util.Set<String> notifiers) {
    this.notifiers = notifiers;
    this.configDir = configDir;
    this.defaultZone = defaultZone;
    this.cron = cron;
    this.ids = ids;
    this.steps = new StepBinder(configDir);
  }

  /** Sources named by the reconcile steps of every file bound so far. */
  List<StepBinder.SourceRef> sourceRefs() {
    return steps.sourceRefs();
  }

  WorkflowDef bind(ConfigFile file) {
    return file.root().object(m -> workflow(m, file));
  }

  private WorkflowDef workflow(YamlMap m, ConfigFile file) {
    Value idAt = m.get("id").required();
    String id = idAt.matching(StepBinder.ID, StepBinder.ID_RULE).orElse(null);
    if (id != null) {
      ids.claim(id, idAt);
    }
    RetrySpec retry = RetryBinder.bind(m.get("retry"), RetrySpec.NONE);
    Map<String, String> params = NamedValues.bind(m.get("params"));
    checkParamRefs(file, params);
    return new WorkflowDef(
        id,
        m.get("description").string().orElse(""),
        triggers(m.get("triggers")),
        catchUp(m.get("catch_up")),
        m.get("overlap").choice(OverlapPolicy.class).orElse(OverlapPolicy.FORBID),
        m.get("timeout").positiveDuration().orElse(null),
        retry,
        m.get("on_crash").choice(CrashPolicy.class).orElse(CrashPolicy.RERUN),
        params,
        NamedValues.bind(m.get("env")),
        m.get("env_file").path(configDir).orElse(null),
        m.get("cwd").path(configDir).orElse(configDir),
        steps(m.get("steps").required(), retry),
        notify(m.get("notify")),
        m.get("circuit_breaker").isPresent() ? m.get("circuit_breaker").object(WorkflowBinder::circuitBreaker) : null,
        m.get("collects_data").bool().orElse(false),
        upstream(id, m),
        BlackoutBinder.bind(m.get("blackouts"), defaultZone),
        file.file());
  }

  private UpstreamDef upstream(String id, YamlMap m) {
    List<String> onSuccessOf = upstreamIds(id, m.get("on_success_of"));
    List<String> onCompletionOf = upstreamIds(id, m.get("on_completion_of"));
    return new UpstreamDef(onSuccessOf, onCompletionOf,
        m.get("fallback_window").positiveDuration().orElse(UpstreamDef.DEFAULT_FALLBACK_WINDOW));
  }

  /** A workflow id or a list of them; checked against all files once every file is read. */
  private List<String> upstreamIds(String id, Value v) {
    List<String> names = new ArrayList<>();
    List<Value> items = v.isScalar() ? List.of(v) : v.list();
    for (Value item : items) {
      item.string().ifPresent(name -> {
        names.add(name);
        if (id != null) {
          ids.upstream(id, name, item);
        }
      });
    }
    return names;
  }

  private static CircuitBreakerDef circuitBreaker(YamlMap m) {
    List<String> probe = null;
    Value p = m.get("probe");
    if (p.isPresent()) {
      probe = new ArrayList<>();
      for (Value item : p.list()) {
        item.string().ifPresent(probe::add);
      }
      if (p.isList() && probe.isEmpty()) {
        p.problem("must not be empty (an argv list, like run)");
      }
    }
    return new CircuitBreakerDef(
        m.get("failures").integer(1, 1000).orElse(3),
        m.get("cool_off").positiveDuration().orElse(Duration.ofMinutes(30)),
        probe,
        m.get("probe_every").durationAtLeast(Duration.ofSeconds(1)).orElse(Duration.ofMinutes(1)));
  }

  /** Names of notifiers in shotclock.yaml; absent = all of them, [] = none. */
  private List<String> notify(Value v) {
    if (!v.isPresent()) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (Value item : v.list()) {
      item.string().ifPresent(name -> {
        if (notifiers.contains(name)) {
          names.add(name);
        } else {
          item.problem("no notifier '" + name + "' in shotclock.yaml notifications.notifiers"
              + Suggestions.didYouMean(name, notifiers));
        }
      });
    }
    return names;
  }

  private List<TriggerDef> triggers(Value v) {
    List<TriggerDef> triggers = new ArrayList<>();
    for (Value item : v.list()) {
      triggers.add(item.object(this::trigger));
    }
    return triggers;
  }

  private TriggerDef trigger(YamlMap m) {
    Value expression = m.get("cron").required();
    String text = expression.string().orElse(null);
    if (text != null) {
      cron.problem(text)
          .ifPresent(why -> expression.problem("invalid cron '" + text + "': " + why));
    }
    return new TriggerDef(
        text,
        m.get("timezone").zone().orElse(defaultZone),
        m.get("jitter").duration().orElse(Duration.ZERO));
  }

  /** {@code catch_up: none} is short for {@code catch_up: {policy: none}}. */
  private CatchUp catchUp(Value v) {
    if (v.isScalar()) {
      return new CatchUp(
          v.choice(CatchUpPolicy.class).orElse(CatchUpPolicy.ONCE), DEFAULT_MAX_LATENESS);
    }
    return v.object(
        m ->
            new CatchUp(
                m.get("policy").choice(CatchUpPolicy.class).orElse(CatchUpPolicy.ONCE),
                m.get("max_lateness").positiveDuration().orElse(DEFAULT_MAX_LATENESS)));
  }

  private List<StepDef> steps(Value v, RetrySpec workflowRetry) {
    List<Value> items = v.list();
    if (v.isList() && items.isEmpty()) {
      v.problem("must not be empty");
    }
    List<StepBinder.Bound> bound = new ArrayList<>();
    for (Value item : items) {
      bound.add(steps.bind(item, workflowRetry));
    }
    StepGraph.check(bound);
    return bound.stream().map(StepBinder.Bound::step).toList();
  }

  /** A {@code ${param.NAME}} the runner could not fill would fail at run time; say so now. */
  private static void checkParamRefs(ConfigFile file, Map<String, String> params) {
    for (Substitution.ParamRef ref : file.paramRefs()) {
      if (!params.containsKey(ref.name())) {
        file.problem(
            ref,
            "${param."
                + ref.name()
                + "} is not declared in params"
                + Suggestions.didYouMean(ref.name(), params.keySet()));
      }
    }
  }
}
