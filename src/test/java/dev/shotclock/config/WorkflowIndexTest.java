package dev.shotclock.config;

import static dev.shotclock.testsupport.Workflows.step;
import static dev.shotclock.testsupport.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The id and upstream indexes a configuration keeps over its workflows (looked up per fire and per run end). */
class WorkflowIndexTest {

  private static WorkflowDef wf(String id) {
    return workflow(id).step(step("s").sh("true")).build();
  }

  private static ShotClockConfig config(List<WorkflowDef> wfs) {
    return new ShotClockConfig(Path.of("conf"), null, wfs);
  }

  @Test
  void looksWorkflowsUpByIdAndKeepsFileOrder() {
    ShotClockConfig c = config(List.of(wf("b"), wf("a"), wf("c")));
    assertThat(c.workflow("a")).map(WorkflowDef::id).contains("a");
    assertThat(c.workflow("zz")).isEmpty();
    assertThat(c.workflows()).extracting(WorkflowDef::id).containsExactly("b", "a", "c");
    assertThat(c.workflowsById()).containsOnlyKeys("b", "a", "c");
  }

  @Test
  void findsTheWorkflowsThatFollowAnUpstreamOnce() {
    WorkflowDef both = workflow("both").onSuccessOf("up").onCompletionOf("up").step(step("s").sh("true")).build();
    WorkflowDef ok = workflow("ok").onSuccessOf("up", "other").step(step("s").sh("true")).build();
    WorkflowDef done = workflow("done").onCompletionOf("other").step(step("s").sh("true")).build();
    ShotClockConfig c = config(List.of(wf("up"), both, ok, done));
    assertThat(c.downstreamOf("up")).extracting(WorkflowDef::id).containsExactly("both", "ok");
    assertThat(c.downstreamOf("other")).extracting(WorkflowDef::id).containsExactly("ok", "done");
    assertThat(c.downstreamOf("nobody")).isEmpty();
  }

  @Test
  void theListCannotBeChanged() {
    ShotClockConfig c = config(List.of(wf("a")));
    assertThatThrownBy(() -> c.workflows().add(wf("b"))).isInstanceOf(UnsupportedOperationException.class);
    assertThat(c.workflows()).isEqualTo(List.of(c.workflow("a").orElseThrow()));
  }
}
