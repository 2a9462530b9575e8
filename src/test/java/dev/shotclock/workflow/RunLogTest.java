package dev.shotclock.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shotclock.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLogTest {

  @TempDir Path dir;
  final MutableClock clock = MutableClock.at("2026-11-25T07:00:00Z");

  @Test
  void lines_split_across_writes_are_joined_and_a_last_line_without_newline_is_kept() throws Exception {
    try (RunLog log = RunLog.open(dir.resolve("r.log"), 1 << 20, clock)) {
      StepOutput s = log.forStep("s");
      write(s, "hel");
      write(s, "lo\r\nwor");
      write(s, "ld");
      s.end();
    }
    assertThat(Files.readAllLines(dir.resolve("r.log"))).containsExactly(
        "2026-11-25T07:00:00Z [s] hello", "2026-11-25T07:00:00Z [s] world");
  }

  @Test
  void a_line_longer_than_8_kib_is_written_in_pieces() throws Exception {
    try (RunLog log = RunLog.open(dir.resolve("r.log"), 1 << 20, clock)) {
      StepOutput s = log.forStep("s");
      write(s, "x".repeat(RunLog.MAX_LINE + 10));
      write(s, "y".repeat(RunLog.MAX_LINE + 10) + "\n");
      s.end();
    }
    List<String> lines = Files.readAllLines(dir.resolve("r.log"));
    assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(RunLog.MAX_LINE + 40));
    assertThat(String.join("", lines).replaceAll("2026-11-25T07:00:00Z \\[s\\] ", ""))
        .isEqualTo("x".repeat(RunLog.MAX_LINE + 10) + "y".repeat(RunLog.MAX_LINE + 10));
  }

  @Test
  void parallel_steps_never_interleave_within_a_line() throws Exception {
    try (RunLog log = RunLog.open(dir.resolve("r.log"), 100L << 20, clock)) {
      CompletableFuture.allOf(IntStream.range(0, 4).mapToObj(i -> CompletableFuture.runAsync(() -> {
        StepOutput s = log.forStep("s" + i);
        for (int n = 0; n < 2000; n++) {
          write(s, ("step" + i + "-").repeat(20));
          write(s, "end\n");
        }
        s.end();
      })).toArray(CompletableFuture[]::new)).get();
    }
    List<String> lines = Files.readAllLines(dir.resolve("r.log"));
    assertThat(lines).hasSize(8000).allSatisfy(l -> {
      String step = l.substring(l.indexOf('[') + 1, l.indexOf(']'));
      String body = l.substring(l.indexOf("] ") + 2);
      assertThat(body).isEqualTo(("step" + step.substring(1) + "-").repeat(20) + "end");
    });
  }

  @Test
  void a_reopened_log_is_appended_to() throws Exception {
    try (RunLog log = RunLog.open(dir.resolve("r.log"), 1 << 20, clock)) {
      log.note("attempt 1");
    }
    try (RunLog log = RunLog.open(dir.resolve("r.log"), 1 << 20, clock)) {
      log.note("attempt 2");
    }
    assertThat(Files.readAllLines(dir.resolve("r.log"))).hasSize(2);
  }

  @Test
  void beyond_the_cap_step_output_is_dropped_but_the_daemon_lines_and_the_outcome_are_written() throws Exception {
    long cap = 400;
    try (RunLog log = RunLog.open(dir.resolve("r.log"), cap, clock)) {
      log.note("run 7 of wf attempt 1 starts");
      StepOutput s = log.forStep("s");
      s.note("try 1 of 1 starts: chatty");
      for (int i = 0; i < 100; i++) {
        write(s, "output line " + i + "\n");
      }
      write(s, "the last words of the child\n");
      s.end();
      s.note("try 1 ended FAILED: exit code 3");
      log.note("run 7 ended FAILED: step s failed");
      assertThat(s.bytesSeen()).as("dropped output is still counted").isGreaterThan(cap);
      assertThat(log.capped()).isTrue();
    }
    List<String> lines = Files.readAllLines(dir.resolve("r.log"));
    List<String> output = lines.stream().filter(l -> l.contains("output line ")).toList();
    assertThat(output).isNotEmpty().hasSizeLessThan(100);
    assertThat(String.join("\n", lines)).doesNotContain("the last words of the child");
    assertThat(lines).filteredOn(l -> l.contains("output capped at 400 bytes")).hasSize(1);
    assertThat(lines.get(lines.size() - 2)).endsWith("[s] [shotclock] try 1 ended FAILED: exit code 3");
    assertThat(lines.get(lines.size() - 1)).endsWith("[run] [shotclock] run 7 ended FAILED: step s failed");
    assertThat(lines.get(0)).endsWith("[run] [shotclock] run 7 of wf attempt 1 starts");
  }

  @Test
  void a_daemon_line_is_cut_at_the_line_limit() throws Exception {
    try (RunLog log = RunLog.open(dir.resolve("r.log"), 1 << 20, clock)) {
      log.note("x".repeat(RunLog.MAX_LINE * 3));
    }
    assertThat(Files.readAllLines(dir.resolve("r.log"))).singleElement()
        .satisfies(l -> assertThat(l.length()).isLessThan(RunLog.MAX_LINE + 60));
  }

  private static void write(StepOutput s, String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    s.write(b, 0, b.length);
  }
}
