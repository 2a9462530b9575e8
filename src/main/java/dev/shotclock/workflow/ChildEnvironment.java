package dev.shotclock.workflow;

import dev.shotclock.config.StepAction;
import dev.shotclock.config.StepDef;
import dev.shotclock.config.WorkflowDef;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds what a step's process gets: argv, working directory and the complete environment. Layers,
 * later ones winning: the daemon's environment, the workflow's env_file and env, the step's
 * env_file and env, the run's parameters ({@code SHOTCLOCK_PARAM_<name>}), then the SHOTCLOCK_*
 * markers that identify the run (and let a later daemon find orphans).
 */
final class ChildEnvironment {

  private static final Pattern PARAM = Pattern.compile("\\$\\{param\\.([A-Za-z_][A-Za-z0-9_]*)}");

  /** Identity of this daemon start, for the orphan markers. */
  record DaemonIdentity(String nodeId, Path stateDir, String instanceId) {}

  private final Map<String, String> daemonEnv;
  private final DaemonIdentity daemon;

  ChildEnvironment(Map<String, String> daemonEnv, DaemonIdentity daemon) {
    this.daemonEnv = Map.copyOf(daemonEnv);
    this.daemon = daemon;
  }

  /** The process of one try. Env files are read now, so edits apply without a reload. */
  ProcessSpec spec(RunContext run, StepDef step, int tryNumber, Path resultFile) throws IOException {
    WorkflowDef wf = run.workflow();
    Map<String, String> env = new LinkedHashMap<>(daemonEnv);
    if (wf.envFile() != null) {
      env.putAll(EnvFile.read(wf.envFile()));
    }
    env.putAll(substitute(wf.env(), run.params()));
    if (step.envFile() != null) {
      env.putAll(EnvFile.read(step.envFile()));
    }
    env.putAll(substitute(step.env(), run.params()));
    run.params().forEach((k, v) -> env.put("SHOTCLOCK_PARAM_" + k, v));
    env.putAll(markers(run, step, tryNumber, resultFile));
    List<String> argv = new ArrayList<>();
    for (String arg : ((StepAction.Run) step.action()).argv()) {
      argv.add(substitute(arg, run.params()));
    }
    Path cwd = step.cwd() != null ? step.cwd() : wf.cwd();
    return new ProcessSpec(argv, cwd, env, step.timeout());
  }

  private Map<String, String> markers(RunContext run, StepDef step, int tryNumber, Path resultFile) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("SHOTCLOCK_WORKFLOW", run.workflow().id());
    m.put("SHOTCLOCK_RUN_ID", Long.toString(run.runId()));
    m.put("SHOTCLOCK_RUN_ATTEMPT", Integer.toString(run.attempt()));
    m.put("SHOTCLOCK_STEP", step.id());
    m.put("SHOTCLOCK_ATTEMPT", Integer.toString(tryNumber));
    m.put("SHOTCLOCK_SCHEDULED_AT", run.scheduledAt().toString());
    m.put("SHOTCLOCK_CORRELATION_ID", run.correlationId());
    m.put("SHOTCLOCK_LOG_FILE", run.logFile().toString());
    m.put("SHOTCLOCK_RESULT_FILE", resultFile.toString());
    m.put("SHOTCLOCK_NODE_ID", daemon.nodeId());
    m.put("SHOTCLOCK_STATE_DIR", daemon.stateDir().toString());
    m.put("SHOTCLOCK_DAEMON_INSTANCE", daemon.instanceId());
    return m;
  }

  private static Map<String, String> substitute(Map<String, String> values, Map<String, String> params) {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, substitute(v, params)));
    return out;
  }

  /**
   * Replaces {@code ${param.NAME}}. The loader has checked every name is declared, so each has at
   * least its default.
   */
  static String substitute(String value, Map<String, String> params) {
    Matcher m = PARAM.matcher(value);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(params.getOrDefault(m.group(1), "")));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
