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

  private static void write(StepOutput s, String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    s.write(b, 0, b.length);
  }
}
