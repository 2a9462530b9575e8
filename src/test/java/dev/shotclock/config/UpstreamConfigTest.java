package dev.shotclock.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpstreamConfigTest {

  @TempDir Path tmp;

  @Test
  void on_success_of_takes_one_id_or_a_list_and_fallback_window_defaults_to_23h() {
    ShotClockConfig config = new ConfigDir(tmp)
        .workflow("a.yaml", "id: overnight\nsteps: [{id: s, run: [x]}]\n")
        .workflow("b.yaml", """
            id: validation
            on_success_of: overnight
            on_completion_of: [overnight]
            triggers: [{cron: "0 4 * * *"}]
            fallback_window: 20h
            steps: [{id: s, run: [x]}]
            """)
        .workflow("c.yaml", "id: report\non_success_of: [overnight, validation]\nsteps: [{id: s, run: [x]}]\n")
        .load();

    assertThat(config.workflow("validation").orElseThrow().upstream())
        .isEqualTo(new UpstreamDef(List.of("overnight"), List.of("overnight"), Duration.ofHours(20)));
    assertThat(config.workflow("report").orElseThrow().upstream())
        .isEqualTo(new UpstreamDef(List.of("overnight", "validation"), List.of(), Duration.ofHours(23)));
    assertThat(config.workflow("overnight").orElseThrow().upstream()).isEqualTo(UpstreamDef.NONE);
  }

  @Test
  void unknown_upstreams_a_workflow_after_itself_and_cycles_are_errors() {
    ConfigDir dir = new ConfigDir(tmp)
        .workflow("a.yaml", "id: a\non_success_of: [c]\nsteps: [{id: s, run: [x]}]\n")
        .workflow("b.yaml", "id: b\non_completion_of: a\nsteps: [{id: s, run: [x]}]\n")
        .workflow("c.yaml", "id: c\non_success_of: [b, overnigth, c]\nsteps: [{id: s, run: [x]}]\n")
        .workflow("d.yaml", "id: overnight\nsteps: [{id: s, run: [x]}]\n");

    assertThat(dir.problems()).containsExactly(
        "conf/workflows/a.yaml:2 on_success_of[0]: cycle: 'c' starts 'a', which (through on_success_of /"
            + " on_completion_of) starts 'c' again",
        "conf/workflows/b.yaml:2 on_completion_of: cycle: 'a' starts 'b', which (through on_success_of /"
            + " on_completion_of) starts 'a' again",
        "conf/workflows/c.yaml:2 on_success_of[0]: cycle: 'b' starts 'c', which (through on_success_of /"
            + " on_completion_of) starts 'b' again",
        "conf/workflows/c.yaml:2 on_success_of[1]: no workflow 'overnigth'; did you mean 'overnight'?",
        "conf/workflows/c.yaml:2 on_success_of[2]: a workflow cannot start after itself (it would run forever)");
  }
}
