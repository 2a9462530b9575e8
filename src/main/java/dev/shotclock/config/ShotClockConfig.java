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
    workflows = List.copyOf(workflows);
  }

  /** A configuration without data sources. */
  public ShotClockConfig(Path configDir, DaemonSettings daemon, List<WorkflowDef> workflows) {
    this(configDir, daemon, workflows, SourcesConfig.NONE);
  }

  public Optional<WorkflowDef> workflow(String id) {
    return workflows.stream().filter(w -> w.id().equals(id)).findFirst();
  }

  public Map<String, WorkflowDef> workflowsById() {
    return workflows.stream()
        .collect(Collectors.toMap(WorkflowDef::id, Function.identity(), (a, b) -> a,
            java.util.LinkedHashMap::new));
  }
}
