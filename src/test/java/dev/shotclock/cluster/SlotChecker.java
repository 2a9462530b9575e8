package dev.shotclock.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Lost, duplicate and late slots of a cluster scenario, Jepsen-Chronos style: the test says which
 * slots it expected, the store says what happened ({@code sc_runs} and {@code sc_step_runs}, read
 * by {@link ClusterStore}), and this class compares them.
 *
 * <p>A <b>slot</b> is one unit of work the scheduler owes: a workflow plus either its scheduled
 * time (cron fires, manual launches: {@link Slot#at}) or the correlation id of the queue task that
 * asked for it ({@link Slot#task}).
 *
 * <ul>
 *   <li><b>completed</b>: at least one run row of the slot is in a success state (SUCCEEDED or
 *       SUCCEEDED_WITH_WARNINGS).
 *   <li><b>lost</b>: expected, not completed.
 *   <li><b>late</b>: completed, but the attempt that completed it started (its first step
 *       started) after the slot's deadline ({@code scheduledAt + tolerance} unless the test gave
 *       one).
 *   <li><b>duplicate completion</b>, the measure that matters (reliability.md §0.4: nobody
 *       promises exactly-once <i>execution</i>, a crash makes a step run again; what must never
 *       happen is work completed and accepted twice). The truth is the run row: the end state is
 *       written only by the attempt that owns the row (its {@code attempt} is the fencing token),
 *       so a slot counts as completed twice when
 *       <ol>
 *         <li>more than one run row of the slot is in a success state (for {@code at} slots: two
 *             rows with one workflow and scheduled time, e.g. a catch-up beside a scheduled
 *             fire; the unique slot key makes two rows of one key impossible), or
 *         <li>a step of the slot succeeded in two attempts where the later attempt started that
 *             step <i>after</i> the earlier attempt's success was recorded: the re-run redid
 *             work that was already done and accepted (a takeover must resume only the steps
 *             that had not succeeded).
 *       </ol>
 *       A step success of an earlier attempt recorded <i>after</i> the later attempt had started
 *       the same step is not a duplicate completion: it is the late result of a fenced attempt
 *       (a frozen node whose process ended while it was stopped), reported in the table as
 *       {@code fenced} and left for the scenario to judge; its run never completes on that node.
 * </ul>
 */
final class SlotChecker {

  /** One unit of work owed. {@code key} is an ISO instant (millis) or a correlation id. */
  record Slot(String workflowId, String key) implements Comparable<Slot> {
    static Slot at(String workflowId, Instant scheduledAt) {
      return new Slot(workflowId, scheduledAt.truncatedTo(ChronoUnit.MILLIS).toString());
    }

    static Slot task(String workflowId, String correlationId) {
      return new Slot(workflowId, "task:" + correlationId);
    }

    @Override
    public int compareTo(Slot o) {
      int c = workflowId.compareTo(o.workflowId);
      return c != 0 ? c : key.compareTo(o.key);
    }
  }

  /** What the test expects: the slot, and by when its completing attempt must have started. */
  record Expected(Slot slot, Instant startBy) {}

  /** A row of {@code sc_runs}. */
  record RunRow(long id, String workflowId, Instant scheduledAt, String correlationId, String state,
      int attempt, String nodeId, Instant startedAt, Instant finishedAt) {
    boolean succeeded() {
      return state.equals("SUCCEEDED") || state.equals("SUCCEEDED_WITH_WARNINGS");
    }
  }

  /** A row of {@code sc_step_runs}. */
  record StepRow(long runId, String stepId, int runAttempt, int tryNumber, String state,
      Instant startedAt, Instant finishedAt) {
    boolean succeeded() {
      return state.equals("SUCCEEDED") || state.equals("SUCCEEDED_WITH_WARNINGS");
    }
  }

  /** The verdict for one workflow. */
  record Line(String workflowId, int expected, int completed, int lost, int duplicate, int late,
      int fenced) {}

  /** The verdict. */
  record Result(List<Line> lines, List<String> lost, List<String> duplicates, List<String> late,
      List<String> fenced) {

    int totalExpected() {
      return lines.stream().mapToInt(Line::expected).sum();
    }

    int totalCompleted() {
      return lines.stream().mapToInt(Line::completed).sum();
    }

    String table() {
      StringBuilder b = new StringBuilder(String.format("%-16s %8s %9s %5s %9s %5s %6s%n",
          "workflow", "expected", "completed", "lost", "duplicate", "late", "fenced"));
      List<Line> all = new ArrayList<>(lines);
      all.add(new Line("TOTAL", totalExpected(), totalCompleted(), lost.size(), duplicates.size(),
          late.size(), fenced.size()));
      for (Line l : all) {
        b.append(String.format("%-16s %8d %9d %5d %9d %5d %6d%n", l.workflowId(), l.expected(),
            l.completed(), l.lost(), l.duplicate(), l.late(), l.fenced()));
      }
      appendSome(b, "lost", lost);
      appendSome(b, "duplicate", duplicates);
      appendSome(b, "late", late);
      return b.toString();
    }

    /** Prints the table and asserts no slot was lost, completed twice, or late. */
    Result assertExactlyOnceInTime() {
      System.out.println(table());
      assertThat(lost).as("lost slots\n%s", table()).isEmpty();
      assertThat(duplicates).as("duplicate completions\n%s", table()).isEmpty();
      assertThat(late).as("late slots\n%s", table()).isEmpty();
      return this;
    }

    private static void appendSome(StringBuilder b, String what, List<String> items) {
      if (!items.isEmpty()) {
        b.append(what).append(": ").append(items.stream().limit(10).toList())
            .append(items.size() > 10 ? " and " + (items.size() - 10) + " more" : "").append('\n');
      }
    }
  }

  private final Duration tolerance;

  /** @param tolerance how long after its scheduled time a slot may start (unless it has a deadline) */
  SlotChecker(Duration tolerance) {
    this.tolerance = tolerance;
  }

  Expected expect(Slot slot) {
    Instant at = slot.key().startsWith("task:") ? null : Instant.parse(slot.key());
    return new Expected(slot, at == null ? null : at.plus(tolerance));
  }

  List<Expected> expectAll(Collection<Slot> slots) {
    return slots.stream().map(this::expect).toList();
  }

  /**
   * Compares. {@code runs} may hold rows of slots not expected (they are ignored: other
   * workflows, slots outside the window); {@code steps} are the step rows of those runs.
   */
  Result check(List<Expected> expected, List<RunRow> runs, List<StepRow> steps) {
    Map<Slot, List<RunRow>> bySlot = new HashMap<>();
    for (RunRow r : runs) {
      bySlot.computeIfAbsent(slotOf(r, expected), k -> new ArrayList<>()).add(r);
    }
    Map<Long, List<StepRow>> stepsByRun = new HashMap<>();
    steps.forEach(s -> stepsByRun.computeIfAbsent(s.runId(), k -> new ArrayList<>()).add(s));

    Map<String, int[]> counts = new TreeMap<>();
    List<String> lost = new ArrayList<>();
    List<String> duplicates = new ArrayList<>();
    List<String> late = new ArrayList<>();
    List<String> fenced = new ArrayList<>();
    Set<Slot> seen = new TreeSet<>();
    for (Expected e : expected) {
      if (!seen.add(e.slot())) {
        throw new IllegalArgumentException("slot expected twice: " + e.slot());
      }
      int[] c = counts.computeIfAbsent(e.slot().workflowId(), k -> new int[6]);
      c[0]++;
      List<RunRow> rows = bySlot.getOrDefault(e.slot(), List.of());
      List<RunRow> successes = rows.stream().filter(RunRow::succeeded).toList();
      if (successes.isEmpty()) {
        c[2]++;
        lost.add(e.slot() + " " + rows.stream().map(r -> "run " + r.id() + " " + r.state()
            + " attempt " + r.attempt() + " on " + r.nodeId()).toList());
        continue;
      }
      c[1]++;
      String dup = null;
      if (successes.size() > 1) {
        dup = e.slot() + ": " + successes.size() + " successful runs " + successes.stream().map(RunRow::id).toList();
      }
      for (RunRow r : successes) {
        StepVerdict v = judgeSteps(stepsByRun.getOrDefault(r.id(), List.of()));
        if (dup == null && !v.redone().isEmpty()) {
          dup = e.slot() + " run " + r.id() + ": step(s) redone after success " + v.redone();
        }
        if (!v.fenced().isEmpty()) {
          c[5]++;
          fenced.add(e.slot() + " run " + r.id() + ": " + v.fenced());
        }
      }
      if (dup != null) {
        c[3]++;
        duplicates.add(dup);
      }
      RunRow done = successes.get(0);
      Instant started = attemptStart(done, stepsByRun.getOrDefault(done.id(), List.of()));
      if (e.startBy() != null && (started == null || started.isAfter(e.startBy()))) {
        c[4]++;
        late.add(e.slot() + " run " + done.id() + " attempt " + done.attempt() + " started "
            + started + ", due by " + e.startBy());
      }
    }
    List<Line> lines = new ArrayList<>();
    counts.forEach((wf, c) -> lines.add(new Line(wf, c[0], c[1], c[2], c[3], c[4], c[5])));
    return new Result(lines, lost, duplicates, late, fenced);
  }

  /**
   * When the completing attempt started: its first step's start. The run row's {@code started_at}
   * is the first attempt's start (kept across takeovers), so it cannot tell when a re-run began.
   */
  static Instant attemptStart(RunRow run, List<StepRow> steps) {
    return steps.stream().filter(s -> s.runAttempt() == run.attempt() && s.startedAt() != null)
        .map(StepRow::startedAt).min(Instant::compareTo).orElse(run.startedAt());
  }

  /** Which slot a run row belongs to: its correlation id when the test expects task slots. */
  private static Slot slotOf(RunRow r, List<Expected> expected) {
    boolean tasks = !expected.isEmpty() && expected.get(0).slot().key().startsWith("task:");
    return tasks ? Slot.task(r.workflowId(), r.correlationId()) : Slot.at(r.workflowId(), r.scheduledAt());
  }

  private record StepVerdict(List<String> redone, List<String> fenced) {}

  /** Steps that succeeded in more than one attempt of one run: redone work, or fenced late results. */
  private static StepVerdict judgeSteps(List<StepRow> steps) {
    Map<String, List<StepRow>> successesByStep = new LinkedHashMap<>();
    Map<String, List<StepRow>> startsByStep = new LinkedHashMap<>();
    for (StepRow s : steps) {
      startsByStep.computeIfAbsent(s.stepId(), k -> new ArrayList<>()).add(s);
      if (s.succeeded()) {
        successesByStep.computeIfAbsent(s.stepId(), k -> new ArrayList<>()).add(s);
      }
    }
    List<String> redone = new ArrayList<>();
    List<String> fenced = new ArrayList<>();
    successesByStep.forEach((step, ok) -> {
      for (StepRow earlier : ok) {
        for (StepRow later : ok) {
          if (later.runAttempt() <= earlier.runAttempt()) {
            continue;
          }
          // When did the later attempt start this step (its first try)?
          Instant laterStart = startsByStep.get(step).stream()
              .filter(s -> s.runAttempt() == later.runAttempt() && s.startedAt() != null)
              .map(StepRow::startedAt).min(Instant::compareTo).orElse(later.startedAt());
          String what = step + " (attempts " + earlier.runAttempt() + " and " + later.runAttempt() + ")";
          if (earlier.finishedAt() != null && laterStart != null && !earlier.finishedAt().isAfter(laterStart)) {
            redone.add(what);
          } else {
            fenced.add(what);
          }
        }
      }
    });
    return new StepVerdict(redone, fenced);
  }
}
