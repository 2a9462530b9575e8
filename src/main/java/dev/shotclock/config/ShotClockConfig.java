package dev.shotclock.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A whole, validated configuration directory. */
public record ShotClockConfig(Path configDir, DaemonSettings daemon, List<WorkflowDef> workflows,
    SourcesConfig sources) {

  public ShotClockConfig {
    workflows = WorkflowList.of(workflows);
  }

  /** A configuration without data sources. */
  public ShotClockConfig(Path configDir, DaemonSettings daemon, List<WorkflowDef> workflows) {
    this(configDir, daemon, workflows, SourcesConfig.NONE);
  }

  public Optional<WorkflowDef> workflow(String id) {
    return Optional.ofNullable(((WorkflowList) workflows).byId(id));
  }

  /** The workflows that name {@code upstream} in on_success_of or on_completion_of, in file order. */
  public List<WorkflowDef> downstreamOf(String upstream) {
    return ((WorkflowList) workflows).downstreamOf(upstream);
  }

  public Map<String, WorkflowDef> workflowsById() {
    return workflows.stream()
        .collect(Collectors.toMap(WorkflowDef::id, Function.identity(), (a, b) -> a,
            java.util.LinkedHashMap::new));
  }
}
