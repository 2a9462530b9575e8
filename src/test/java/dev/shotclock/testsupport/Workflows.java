package dev.shotclock.testsupport;

import dev.shotclock.config.CatchUp;
import dev.shotclock.config.CatchUpPolicy;
import dev.shotclock.config.CrashPolicy;
import dev.shotclock.config.DependencyMode;
import dev.shotclock.config.DependsOn;
import dev.shotclock.config.OverlapPolicy;
import dev.shotclock.config.RetrySpec;
import dev.shotclock.config.StepAction;
import dev.shotclock.config.StepDef;
import dev.shotclock.config.SuccessRules;
import dev.shotclock.config.TriggerDef;
import dev.shotclock.config.WorkflowDef;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builders for workflow definitions in tests: {@code workflow("wf").step(step("a").sh("exit 0"))}. */
public final class Workflows {

  private Workflows() {}

  public static WorkflowBuilder workflow(String id) {
    return new WorkflowBuilder(id);
  }

  public static StepBuilder step(String id) {
    return new StepBuilder(id);
  }

  /** A workflow under construction. */
  public static final class WorkflowBuilder {
    private final String id;
    private final List<TriggerDef> triggers = new ArrayList<>();
    private final List<StepDef> steps = new ArrayList<>();
    private CatchUp catchUp = CatchUp.NONE;
    private OverlapPolicy overlap = OverlapPolicy.FORBID;
    private Duration timeout;
    private CrashPolicy onCrash = CrashPolicy.RERUN;
    private Map<String, String> params = Map.of();
    private Path cwd = Path.of(System.getProperty("java.io.tmpdir"));
    private List<String> notifiers;
    private dev.shotclock.config.CircuitBreakerDef circuitBreaker;
    private boolean collectsData;
    private dev.shotclock.config.UpstreamDef upstream = dev.shotclock.config.UpstreamDef.NONE;
    private List<dev.shotclock.config.BlackoutWindow> blackouts = List.of();

    WorkflowBuilder(String id) {
      this.id = id;
    }

    public WorkflowBuilder cron(String cron) {
      triggers.add(new TriggerDef(cron, ZoneId.of("UTC"), Duration.ZERO));
      return this;
    }

    public WorkflowBuilder trigger(TriggerDef t) {
      triggers.add(t);
      return this;
    }

    public WorkflowBuilder catchUp(CatchUpPolicy policy, Duration maxLateness) {
      this.catchUp = new CatchUp(policy, maxLateness);
      return this;
    }

    public WorkflowBuilder overlap(OverlapPolicy overlap) {
      this.overlap = overlap;
      return this;
    }

    public WorkflowBuilder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public WorkflowBuilder onCrash(CrashPolicy onCrash) {
      this.onCrash = onCrash;
      return this;
    }

    public WorkflowBuilder params(Map<String, String> params) {
      this.params = params;
      return this;
    }

    public WorkflowBuilder cwd(Path cwd) {
      this.cwd = cwd;
      return this;
    }

    public WorkflowBuilder onSuccessOf(String... upstreams) {
      this.upstream = new dev.shotclock.config.UpstreamDef(List.of(upstreams), upstream.onCompletionOf(),
          upstream.fallbackWindow());
      return this;
    }

    public WorkflowBuilder onCompletionOf(String... upstreams) {
      this.upstream = new dev.shotclock.config.UpstreamDef(upstream.onSuccessOf(), List.of(upstreams),
          upstream.fallbackWindow());
      return this;
    }

    public WorkflowBuilder fallbackWindow(Duration window) {
      this.upstream = new dev.shotclock.config.UpstreamDef(upstream.onSuccessOf(), upstream.onCompletionOf(), window);
      return this;
    }

    public WorkflowBuilder blackout(dev.shotclock.config.BlackoutWindow window) {
      this.blackouts = java.util.stream.Stream.concat(blackouts.stream(), java.util.stream.Stream.of(window)).toList();
      return this;
    }

    public WorkflowBuilder collectsData() {
      this.collectsData = true;
      return this;
    }

    public WorkflowBuilder circuitBreaker(int failures, Duration coolOff, List<String> probe) {
      this.circuitBreaker = new dev.shotclock.config.CircuitBreakerDef(failures, coolOff, probe, Duration.ofSeconds(1));
      return this;
    }

    public WorkflowBuilder notify(String... notifiers) {
      this.notifiers = List.of(notifiers);
      return this;
    }

    public WorkflowBuilder step(StepBuilder step) {
      steps.add(step.build());
      return this;
    }

    public WorkflowDef build() {
      return new WorkflowDef(id, "test workflow " + id, triggers, catchUp, overlap, timeout,
          RetrySpec.NONE, onCrash, params, Map.of(), null, cwd, steps, notifiers, circuitBreaker,
          collectsData, upstream, blackouts, null);
    }
  }

  /** A step under construction; critical, no retry, no timeout unless set. */
  public static final class StepBuilder {
    private final String id;
    private StepAction action = new StepAction.Run(List.of("true"));
    private final Map<String, DependencyMode> edges = new LinkedHashMap<>();
    private DependsOn.Quorum quorum;
    private boolean critical = true;
    private Duration timeout;
    private RetrySpec retry = RetrySpec.NONE;
    private SuccessRules success = SuccessRules.DEFAULT;
    private List<String> locks = List.of();
    private Map<String, String> env = Map.of();

    StepBuilder(String id) {
      this.id = id;
    }

    public StepBuilder run(String... argv) {
      this.action = new StepAction.Run(List.of(argv));
      return this;
    }

    /** Any action, e.g. an {@code http} step. */
    public StepBuilder action(StepAction action) {
      this.action = action;
      return this;
    }

    /** A POSIX shell snippet, as argv ["sh", "-c", script]. */
    public StepBuilder sh(String script) {
      return run("sh", "-c", script);
    }

    public StepBuilder after(String... upstream) {
      for (String u : upstream) {
        edges.put(u, DependencyMode.SUCCEEDED);
      }
      return this;
    }

    public StepBuilder afterCompleted(String... upstream) {
      for (String u : upstream) {
        edges.put(u, DependencyMode.COMPLETED);
      }
      return this;
    }

    public StepBuilder quorum(int count, String... of) {
      this.quorum = new DependsOn.Quorum(count, List.of(of));
      return this;
    }

    public StepBuilder nonCritical() {
      this.critical = false;
      return this;
    }

    public StepBuilder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public StepBuilder retry(int attempts, Duration backoff, double factor) {
      this.retry = new RetrySpec(attempts, backoff, factor, Duration.ofMinutes(30), 0.0);
      return this;
    }

    public StepBuilder warningExitCodes(Integer... codes) {
      this.success = new SuccessRules(Set.of(codes), success.nonRetryableExitCodes(), success.predicate());
      return this;
    }

    public StepBuilder nonRetryableExitCodes(Integer... codes) {
      this.success = new SuccessRules(success.warningExitCodes(), Set.of(codes), success.predicate());
      return this;
    }

    public StepBuilder success(SuccessRules rules) {
      this.success = rules;
      return this;
    }

    private String processMatch;

    public StepBuilder locks(String... names) {
      this.locks = List.of(names);
      return this;
    }

    public StepBuilder env(Map<String, String> env) {
      this.env = env;
      return this;
    }

    StepDef build() {
      return new StepDef(id, action, null, env, null, timeout, critical,
          new DependsOn(edges, quorum), locks, retry, success, processMatch);
    }

    public StepBuilder processMatch(String regex) {
      this.processMatch = regex;
      return this;
    }
  }
}
