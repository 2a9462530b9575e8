package dev.shotclock.config;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The workflows of a configuration, in file order, indexed by id and by upstream. Every fire
 * looks its workflow up and every run end looks for the workflows it starts, so with thousands
 * of workflows a scan of the list per fire shows in the profile; the indexes are built once per
 * configuration (a reload makes a new one).
 */
final class WorkflowList extends AbstractList<WorkflowDef> implements RandomAccess {

  private final List<WorkflowDef> workflows;
  private final Map<String, WorkflowDef> byId = new HashMap<>();
  private final Map<String, List<WorkflowDef>> byUpstream = new HashMap<>();

  private WorkflowList(List<WorkflowDef> workflows) {
    this.workflows = List.copyOf(workflows);
    for (WorkflowDef wf : this.workflows) {
      byId.putIfAbsent(wf.id(), wf);
      wf.upstream().onSuccessOf().forEach(u -> addDownstream(u, wf));
      wf.upstream().onCompletionOf().forEach(u -> addDownstream(u, wf));
    }
    byUpstream.replaceAll((upstream, list) -> List.copyOf(list));
  }

  static WorkflowList of(List<WorkflowDef> workflows) {
    return workflows instanceof WorkflowList list ? list : new WorkflowList(workflows);
  }

  private void addDownstream(String upstream, WorkflowDef wf) {
    List<WorkflowDef> list = byUpstream.computeIfAbsent(upstream, u -> new ArrayList<>());
    if (!list.contains(wf)) {
      list.add(wf);
    }
  }

  WorkflowDef byId(String id) {
    return byId.get(id);
  }

  List<WorkflowDef> downstreamOf(String upstream) {
    return byUpstream.getOrDefault(upstream, List.of());
  }

  @Override
  public WorkflowDef get(int index) {
    return workflows.get(index);
  }

  @Override
  public int size() {
    return workflows.size();
  }
}
