package dev.shotclock.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shotclock.testsupport.MutableClock;
import dev.shotclock.testsupport.Processes;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes: exit codes, process groups, timeouts, cancel, output handling. */
class ProcessSupervisorTest {

  @TempDir Path dir;
  final MutableClock clock = MutableClock.at("2026-11-25T07:00:00Z");
  final String marker = "SHOTCLOCK_TEST_MARK=" + UUID.randomUUID();
  final ProcessSupervisor supervisor = new ProcessSupervisor(Duration.ofSeconds(1));
  RunLog log;

  @BeforeEach
  void openLog() throws Exception {
    log = RunLog.open(dir.resolve("run.log"), 10L * 1024 * 1024, clock);
  }

  @AfterEach
  void closeLog() throws Exception {
    log.close();
  }

  private ProcessSpec sh(String script, Duration timeout) {
    String[] kv = marker.split("=", 2);
    return new ProcessSpec(List.of("sh", "-c", script), dir,
        Map.of("PATH", System.getenv("PATH"), kv[0], kv[1]), timeout);
  }

  private List<Long> marked() {
    return Processes.withEnvironment(marker);
  }

  private String logText() throws Exception {
    return Files.readString(dir.resolve("run.log"));
  }

  @Test
  void exit_codes_pass_through_and_output_is_logged_line_by_line_with_the_step() throws Exception {
    ProcessOutcome ok = supervisor.run(sh("echo hello; echo err >&2", null), log.forStep("s1"), new CancelToken());
    ProcessOutcome fail = supervisor.run(sh("exit 7", null), log.forStep("s2"), new CancelToken());
    assertThat(ok.kind()).isEqualTo(ProcessOutcome.Kind.EXITED);
    assertThat(ok.exitCode()).isZero();
    assertThat(fail.exitCode()).isEqualTo(7);
    assertThat(logText()).contains("2026-11-25T07:00:00Z [s1] hello\n").contains("[s1] err\n");
  }

  @Test
  void the_child_runs_in_a_process_group_of_its_own() throws Exception {
    Path out = dir.resolve("ids");
    supervisor.run(sh("echo $$ $(ps -o pgid= -p $$) > " + out, null), log.forStep("s"), new CancelToken());
    String[] ids = Files.readString(out).trim().split("\\s+");
    assertThat(ids[1]).isEqualTo(ids[0]);
    assertThat(Long.parseLong(ids[1])).isNotEqualTo(ProcessGroups.processGroupOf(ProcessHandle.current().pid()));
  }

  @Test
  void a_timeout_kills_the_whole_group_including_a_grandchild() throws Exception {
    ProcessOutcome out = supervisor.run(sh("sleep 1000 & sleep 1000; wait", Duration.ofMillis(800)),
        log.forStep("slow"), new CancelToken());
    assertThat(out.kind()).isEqualTo(ProcessOutcome.Kind.TIMED_OUT);
    assertThat(marked()).isEmpty();
    assertThat(logText()).contains("timed out after 800 ms");
  }

  @Test
  void a_child_that_ignores_sigterm_is_killed_after_the_grace() throws Exception {
    long start = System.nanoTime();
    ProcessOutcome out = supervisor.run(sh("trap '' TERM; sleep 1000 & sleep 1000; wait", Duration.ofMillis(300)),
        log.forStep("stubborn"), new CancelToken());
    assertThat(out.kind()).isEqualTo(ProcessOutcome.Kind.TIMED_OUT);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1200));
    assertThat(marked()).isEmpty();
    assertThat(logText()).contains("sending SIGKILL");
  }

  @Test
  void a_cancel_stops_the_group_promptly() throws Exception {
    CancelToken cancel = new CancelToken();
    CompletableFuture<ProcessOutcome> run = CompletableFuture.supplyAsync(() -> {
      try {
        return supervisor.run(sh("sleep 1000 & sleep 1000; wait", null), log.forStep("c"), cancel);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> marked().size() >= 3);
    long start = System.nanoTime();
    cancel.cancel("CANCELLED", "cancelled by test");
    ProcessOutcome out = run.get();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(out.kind()).isEqualTo(ProcessOutcome.Kind.CANCELLED);
    assertThat(marked()).isEmpty();
  }

  @Test
  void children_left_behind_by_a_finished_step_are_terminated() throws Exception {
    ProcessOutcome out = supervisor.run(sh("sleep 1000 > /dev/null 2>&1 & echo started", null),
        log.forStep("leaky"), new CancelToken());
    assertThat(out.exitCode()).isZero();
    assertThat(marked()).isEmpty();
    assertThat(logText()).contains("the step left behind");
  }

  @Test
  void a_grandchild_that_escaped_the_group_with_setsid_is_found_by_its_markers_and_ended() throws Exception {
    String instance = UUID.randomUUID().toString();
    Map<String, String> env = Map.of("PATH", System.getenv("PATH"), "SHOTCLOCK_STATE_DIR", dir.toString(),
        "SHOTCLOCK_DAEMON_INSTANCE", instance, "SHOTCLOCK_RUN_ID", "7", "SHOTCLOCK_STEP", "s",
        "SHOTCLOCK_ATTEMPT", "1");
    ProcessOutcome out = supervisor.run(new ProcessSpec(List.of("sh", "-c",
        "setsid sleep 1000 > /dev/null 2>&1 < /dev/null & sleep 0.2; echo started"), dir, env, null),
        log.forStep("s"), new CancelToken());
    assertThat(out.exitCode()).isZero();
    assertThat(Processes.withEnvironment("SHOTCLOCK_DAEMON_INSTANCE=" + instance)).isEmpty();
  }

  @Test
  void a_missing_executable_or_working_directory_fails_to_start_with_the_reason() throws Exception {
    ProcessOutcome noExe = supervisor.run(new ProcessSpec(List.of("no-such-tool-xyz"), dir,
        Map.of("PATH", "/usr/bin:/bin"), null), log.forStep("a"), new CancelToken());
    ProcessOutcome noDir = supervisor.run(new ProcessSpec(List.of("true"), dir.resolve("nope"),
        Map.of("PATH", "/usr/bin:/bin"), null), log.forStep("b"), new CancelToken());
    assertThat(noExe.kind()).isEqualTo(ProcessOutcome.Kind.START_FAILED);
    assertThat(noExe.message()).contains("no-such-tool-xyz").contains("not found on PATH");
    assertThat(noDir.message()).contains("working directory").contains("does not exist");
  }

  @Test
  void a_child_killed_by_a_signal_reports_128_plus_the_signal() throws Exception {
    ProcessOutcome out = supervisor.run(sh("kill -9 $$", null), log.forStep("s"), new CancelToken());
    assertThat(out.kind()).isEqualTo(ProcessOutcome.Kind.EXITED);
    assertThat(out.exitCode()).isEqualTo(137);
  }

  @Test
  void a_hundred_megabytes_of_output_are_drained_while_the_log_and_the_heap_stay_within_bounds() throws Exception {
    long cap = 1024 * 1024;
    System.gc();
    long heapBefore = usedHeap();
    try (RunLog capped = RunLog.open(dir.resolve("big.log"), cap, clock)) {
      StepOutput output = capped.forStep("chatty");
      ProcessOutcome out = supervisor.run(sh("head -c 104857600 /dev/zero | tr '\\0' 'x' | fold -w 100",
          Duration.ofSeconds(60)), output, new CancelToken());
      assertThat(out.exitCode()).isZero();
      assertThat(output.bytesSeen()).isGreaterThanOrEqualTo(104_857_600L);
      assertThat(capped.capped()).isTrue();
    }
    System.gc();
    assertThat(Files.size(dir.resolve("big.log"))).isLessThanOrEqualTo(cap + 512);
    assertThat(Files.readString(dir.resolve("big.log"))).contains("output capped at 1048576 bytes");
    assertThat(usedHeap() - heapBefore).isLessThan(64L * 1024 * 1024);
  }

  private static long usedHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
