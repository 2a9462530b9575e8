package dev.shotclock.workflow;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one try of a step as a child process in a session and process group of its own (through
 * setsid), streams its merged output to the step's log, and makes sure the whole tree goes away:
 * on timeout, on cancel, and when the main process exits leaving children behind, the group gets
 * SIGTERM, then {@code killGrace}, then SIGKILL.
 */
public final class ProcessSupervisor {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessSupervisor.class);
  private static final String SETSID = "/usr/bin/setsid";
  private static final Duration PUMP_DRAIN = Duration.ofSeconds(5);

  private final Duration killGrace;

  public ProcessSupervisor(Duration killGrace) {
    this.killGrace = killGrace;
  }

  /**
   * Blocks until the process has exited, its timeout has passed or the token is cancelled, and its
   * group is gone. Problems with the process are outcomes, never exceptions.
   */
  public ProcessOutcome run(ProcessSpec spec, StepOutput output, CancelToken cancel)
      throws InterruptedException {
    String problem = startProblem(spec);
    if (problem != null) {
      return ProcessOutcome.startFailed(problem);
    }
    Process process;
    try {
      process = builder(spec).start();
    } catch (IOException e) {
      return ProcessOutcome.startFailed("cannot start " + spec.argv().get(0) + ": " + e.getMessage());
    }
    long pid = process.pid();
    Thread pump = pump(process.getInputStream(), output, pid);
    Map<String, String> markers = markers(spec);
    ProcessOutcome outcome = await(process, spec, cancel, output, markers);
    reapLeftovers(pid, markers, output);
    pump.join(PUMP_DRAIN.toMillis());
    output.end();
    return outcome;
  }

  private static ProcessBuilder builder(ProcessSpec spec) {
    List<String> cmd = new ArrayList<>();
    // --wait: should setsid ever need to fork, it still waits and passes the exit status on.
    cmd.add(SETSID);
    cmd.add("--wait");
    cmd.addAll(spec.argv());
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(spec.cwd().toFile())
        .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().clear();
    pb.environment().putAll(spec.environment());
    return pb;
  }

  /** Checks what would make the start fail, so the message names the real cause. */
  static String startProblem(ProcessSpec spec) {
    if (spec.argv().isEmpty() || spec.argv().get(0).isBlank()) {
      return "empty command";
    }
    String nul = withNul(spec);
    if (nul != null) {
      // ProcessBuilder would throw IllegalArgumentException, escaping as an internal error and
      // leaving the try recorded as running; and the value itself must not reach the log or store.
      return "a process cannot receive a NUL character, found in " + nul;
    }
    if (!Files.isDirectory(spec.cwd())) {
      return "working directory " + spec.cwd() + " does not exist";
    }
    if (!Files.isExecutable(Path.of(SETSID))) {
      return SETSID + " (util-linux) is missing; it is needed to give each step a process group";
    }
    String exe = spec.argv().get(0);
    if (exe.contains("/")) {
      Path p = spec.cwd().resolve(exe);
      return Files.isRegularFile(p) && Files.isExecutable(p) ? null
          : "executable " + p + " does not exist or is not executable";
    }
    return onPath(exe, spec.environment()) ? null
        : "executable '" + exe + "' not found on PATH=" + spec.environment().getOrDefault("PATH", "");
  }

  /** Where the spec holds a NUL character (argv index, environment names), or null. */
  private static String withNul(ProcessSpec spec) {
    List<String> found = new ArrayList<>();
    for (int i = 0; i < spec.argv().size(); i++) {
      if (spec.argv().get(i).indexOf('\0') >= 0) {
        found.add("argument " + i);
      }
    }
    spec.environment().entrySet().stream()
        .filter(e -> e.getKey().indexOf('\0') >= 0 || e.getValue().indexOf('\0') >= 0)
        .map(e -> "environment variable " + e.getKey().replace('\0', '?'))
        .sorted()
        .forEach(found::add);
    return found.isEmpty() ? null : String.join(", ", found);
  }

  private static boolean onPath(String exe, Map<String, String> env) {
    for (String dir : env.getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, exe)) && Files.isRegularFile(Path.of(dir, exe))) {
        return true;
      }
    }
    return false;
  }

  /** Copies the child's output to the step's log until EOF, never holding more than a buffer. */
  private static Thread pump(InputStream in, StepOutput output, long pid) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[16 * 1024];
      try (in) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          output.write(buf, 0, n);
        }
      } catch (IOException e) {
        LOG.debug("output of pid {} ended: {}", pid, e.getMessage());
      }
    }, "shotclock-output-" + pid);
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** The markers that single out this try's processes, grandchildren that left the group included. */
  private static Map<String, String> markers(ProcessSpec spec) {
    Map<String, String> m = new java.util.HashMap<>();
    for (String key : List.of("SHOTCLOCK_STATE_DIR", "SHOTCLOCK_DAEMON_INSTANCE", "SHOTCLOCK_RUN_ID",
        "SHOTCLOCK_STEP", "SHOTCLOCK_ATTEMPT", "SHOTCLOCK_RUN_ATTEMPT")) {
      String v = spec.environment().get(key);
      if (v != null) {
        m.put(key, v);
      }
    }
    // Without the daemon's own markers (a bare test spec) there is nothing specific to look for.
    return m.containsKey("SHOTCLOCK_DAEMON_INSTANCE") && m.containsKey("SHOTCLOCK_RUN_ID") ? m : Map.of();
  }

  private ProcessOutcome await(Process process, ProcessSpec spec, CancelToken cancel, StepOutput output,
      Map<String, String> markers) throws InterruptedException {
    long pid = process.pid();
    CompletableFuture<Object> stop = new CompletableFuture<>();
    try (AutoCloseable listening = cancel.onCancel(() -> stop.complete("cancel"))) {
      Object first = CompletableFuture.anyOf(process.onExit(), stop)
          .get(spec.timeout() == null ? Long.MAX_VALUE : spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
      if (first == process) {
        return new ProcessOutcome(ProcessOutcome.Kind.EXITED, process.exitValue(), pid, null);
      }
      output.note("stopping: " + cancel.detail());
      terminate(process, markers, output);
      return new ProcessOutcome(ProcessOutcome.Kind.CANCELLED, exitValue(process), pid, cancel.detail());
    } catch (TimeoutException e) {
      String why = "timed out after " + spec.timeout().toMillis() + " ms";
      output.note(why + "; terminating the process group");
      terminate(process, markers, output);
      return new ProcessOutcome(ProcessOutcome.Kind.TIMED_OUT, exitValue(process), pid, why);
    } catch (ExecutionException e) {
      throw new IllegalStateException("waiting for pid " + pid + " failed; indicates a bug", e);
    } catch (InterruptedException e) {
      terminate(process, markers, output);
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("cancel listener failed to close; indicates a bug", e);
    }
  }

  /** TERM to the group (and marked escapees), up to killGrace for them to go, then KILL. */
  private void terminate(Process process, Map<String, String> markers, StepOutput output)
      throws InterruptedException {
    long pgid = process.pid();
    signal(pgid, markers, "TERM");
    if (!awaitGone(pgid, markers, process, killGrace)) {
      output.note("still running " + killGrace.toMillis() + " ms after SIGTERM; sending SIGKILL");
      signal(pgid, markers, "KILL");
      process.destroyForcibly();
      awaitGone(pgid, markers, process, Duration.ofSeconds(5));
    }
  }

  /**
   * The main process exited but left processes behind, in its group or (escaped with setsid)
   * still carrying its markers: a step leaves nothing behind.
   */
  private void reapLeftovers(long pgid, Map<String, String> markers, StepOutput output)
      throws InterruptedException {
    List<Long> left = remaining(pgid, markers);
    if (left.isEmpty()) {
      return;
    }
    output.note("terminating " + left.size() + " process(es) the step left behind: " + left);
    signal(pgid, markers, "TERM");
    if (!awaitGone(pgid, markers, null, killGrace)) {
      signal(pgid, markers, "KILL");
      awaitGone(pgid, markers, null, Duration.ofSeconds(5));
    }
  }

  private static void signal(long pgid, Map<String, String> markers, String signal) {
    ProcessGroups.signalGroup(pgid, signal);
    if (!markers.isEmpty()) {
      ProcScan.withAll(markers).forEach(pid -> ProcessGroups.signal(pid, signal));
    }
  }

  private static List<Long> remaining(long pgid, Map<String, String> markers) {
    List<Long> left = new ArrayList<>(ProcessGroups.members(pgid));
    if (!markers.isEmpty()) {
      ProcScan.withAll(markers).stream().filter(p -> !left.contains(p)).forEach(left::add);
    }
    return left;
  }

  /** Waits for the main process (if given) to exit and the group and marked processes to be gone. */
  private boolean awaitGone(long pgid, Map<String, String> markers, Process main, Duration max)
      throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    if (main != null && !main.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
      return false;
    }
    while (!remaining(pgid, markers).isEmpty()) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      // Group members are not our children: there is nothing to wait on but their absence.
      TimeUnit.MILLISECONDS.sleep(50);
    }
    return true;
  }

  private static Integer exitValue(Process p) {
    return p.isAlive() ? null : p.exitValue();
  }
}
