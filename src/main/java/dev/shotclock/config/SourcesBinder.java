package dev.shotclock.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Binds {@code conf/sources.yaml} and checks that each source's workflow exists. */
final class SourcesBinder {

  /** A source's default retry: 3 attempts, 60 s doubling to at most 30 min, ±20 %. */
  static final RetrySpec DEFAULT_RETRY = new RetrySpec(3, Duration.ofSeconds(60), 2.0, Duration.ofMinutes(30), 0.2);
  private static final List<String> PRIORITIES = List.of("critical", "high", "normal", "low", "background");

  private final Map<String, WorkflowDef> workflows;

  SourcesBinder(List<WorkflowDef> workflows) {
    this.workflows = new LinkedHashMap<>();
    workflows.forEach(w -> this.workflows.put(w.id(), w));
  }

  SourcesConfig bind(ConfigFile file) {
    file.paramRefs().forEach(ref -> file.problem(ref, "${param." + ref.name() + "} can only be used in workflow files"));
    return file.root().object(m -> sources(m, file));
  }

  private SourcesConfig sources(YamlMap m, ConfigFile file) {
    SourcesConfig d = SourcesConfig.NONE;
    Map<String, SourceDef> sources = new TreeMap<>();
    m.get("sources").entries().forEach((name, v) -> {
      if (!StepBinder.ID.matcher(name).matches()) {
        v.problem("invalid source name '" + name + "': " + StepBinder.ID_RULE);
      }
      SourceDef def = v.object(s -> source(name, s));
      if (def != null) {
        sources.put(name, def);
      }
    });
    return new SourcesConfig(
        m.get("dispatch_every").durationAtLeast(Duration.ofMillis(500)).orElse(d.dispatchEvery()),
        m.get("max_queue").integer(1, Integer.MAX_VALUE).orElse(d.maxQueue()),
        caps(m.get("priority_caps"), d.priorityCaps()),
        m.get("cooldown").duration().orElse(d.cooldown()),
        m.get("aging").positiveDuration().orElse(d.aging()),
        m.get("global").isPresent() ? m.get("global").object(SourcesBinder::rate) : RateLimit.NONE,
        sources, file.file());
  }

  private SourceDef source(String name, YamlMap m) {
    Value workflowAt = m.get("workflow").required();
    String workflow = workflowAt.string().orElse(null);
    if (workflow != null && !workflows.containsKey(workflow)) {
      workflowAt.problem("no workflow '" + workflow + "' in workflows/" + Suggestions.didYouMean(workflow, workflows.keySet()));
    }
    return new SourceDef(name, workflow,
        m.get("max_concurrent").integer(1, 1000).orElse(1),
        m.get("rate").isPresent() ? m.get("rate").object(SourcesBinder::rate) : RateLimit.NONE,
        RetryBinder.bind(m.get("retry"), DEFAULT_RETRY),
        m.get("weight").number().filter(m.get("weight").must(w -> w > 0 && w <= 100, "must be more than 0 and at most 100")).orElse(1.0));
  }

  static RateLimit rate(YamlMap m) {
    return new RateLimit(
        m.get("per_minute").integer(1, 1_000_000).orElse(null),
        m.get("per_hour").integer(1, 100_000_000).orElse(null),
        m.get("burst").integer(1, 1_000_000).orElse(null),
        m.get("min_spacing").duration().orElse(Duration.ZERO));
  }

  private static Map<String, Integer> caps(Value v, Map<String, Integer> defaults) {
    if (!v.isPresent()) {
      return defaults;
    }
    Map<String, Integer> caps = new LinkedHashMap<>();
    v.entries().forEach((name, value) -> {
      if (!PRIORITIES.contains(name)) {
        value.problem("unknown priority '" + name + "'; use " + String.join(", ", PRIORITIES)
            + Suggestions.didYouMean(name, PRIORITIES));
      } else {
        value.integer(1, Integer.MAX_VALUE).ifPresent(n -> caps.put(name, n));
      }
    });
    return caps;
  }
}
