package dev.shotclock.daemon;

import dev.shotclock.history.NodeRepository;

import dev.shotclock.adce.ReconciliationRecord;
import dev.shotclock.adce.ReconciliationRepository;
import dev.shotclock.admin.ApiException;
import dev.shotclock.admin.Operations;
import dev.shotclock.config.ConfigDiff;
import dev.shotclock.config.TriggerDef;
import dev.shotclock.config.WorkflowDef;
import dev.shotclock.db.Jdbc;
import dev.shotclock.history.Event;
import dev.shotclock.history.RunRecord;
import dev.shotclock.history.RunRepository;
import dev.shotclock.history.RunStats;
import dev.shotclock.history.RunState;
import dev.shotclock.history.SchedulerState;
import dev.shotclock.history.SchedulerStateRepository;
import dev.shotclock.history.StepRunRepository;
import dev.shotclock.history.TriggerKind;
import dev.shotclock.history.WorkflowState;
import dev.shotclock.history.WorkflowStateRepository;
import dev.shotclock.quartz.QuartzCron;
import dev.shotclock.watchdog.Watchdog;
import dev.shotclock.workflow.Admission;
import dev.shotclock.workflow.PauseControl;
import dev.shotclock.workflow.ResumeChoice;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The daemon side of the admin API: answers {@link Operations} from the store and the engine. */
final class DaemonOperations implements Operations {

  private final Daemon daemon;
  private final QuartzCron cron;
  private final Clock clock;
  private final Instant startedAt;
  private final String version;
  private final TaskOperations tasks;

  DaemonOperations(Daemon daemon, QuartzCron cron, Clock clock, String version) {
    this.daemon = daemon;
    this.cron = cron;
    this.clock = clock;
    this.startedAt = clock.instant();
    this.version = version;
    this.tasks = new TaskOperations(daemon);
  }

  private Jdbc jdbc() {
    return daemon.jdbc();
  }

  private RunRepository runs() {
    return new RunRepository(jdbc());
  }

  /**
   * The watchdog's view (components with hysteresis, plus its own heartbeat, so a scheduler that
   * stopped firing shows), and whether Quartz is running at all. A non-empty queue is never a reason.
   */
  @Override
  public Health health() {
    Watchdog.Report report = daemon.watchdog().report();
    List<String> reasons = new ArrayList<>(report.reasons());
    Map<String, String> components = new LinkedHashMap<>(report.components());
    boolean up = report.health() != dev.shotclock.watchdog.Health.DOWN;
    if (!daemon.quartz().isStarted() && !report.storeOutage()) {
      up = false;
      components.put("scheduler", "DOWN");
      reasons.add("scheduler: Quartz is not running (standby or shut down)");
    }
    return new Health(up, report.health().name(), reasons, components);
  }

  @Override
  public Enqueued enqueue(EnqueueRequest request) {
    return tasks.enqueue(request);
  }

  @Override
  public Imported importGaps(String name, com.fasterxml.jackson.databind.JsonNode gaps, String requestedBy) {
    return tasks.importGaps(name, gaps);
  }

  @Override
  public QueueView tasks(String state, String source, String priority, Long beforeId, int limit) {
    return tasks.tasks(state, source, priority, beforeId, limit);
  }

  @Override
  public dev.shotclock.queue.Task task(long taskId) {
    return tasks.task(taskId);
  }

  @Override
  public dev.shotclock.queue.Task cancelTask(long taskId, String requestedBy) {
    return tasks.cancel(taskId, who(requestedBy));
  }

  @Override
  public dev.shotclock.queue.Task requeueTask(long taskId, String requestedBy) {
    return tasks.requeue(taskId);
  }

  @Override
  public String metrics() {
    return daemon.metrics().scrape();
  }

  @Override
  public Status status() {
    SchedulerState global = new SchedulerStateRepository(jdbc()).get();
    return new Status(daemon.config().daemon().nodeId(), version, startedAt,
        daemon.config().daemon().store().maskedUrl(), daemon.quartz().isStarted(), global.paused(),
        global.pausedBy(), global.pauseReason(), global.pausedUntil(),
        daemon.engine().active().ids().size(), components(), workflows(),
        daemon.config().daemon().cluster().enabled(), nodes(), storeUsage());
  }

  private Operations.StoreUsage storeUsage() {
    return daemon.storeSize().current().map(m -> new Operations.StoreUsage(m.sizeBytes(), m.liveBytes(),
        m.file() == null ? null : m.file().toString(), m.diskFreeBytes(), m.measuredAt())).orElse(null);
  }

  /** Every node the store knows, whether it is alive, and which runs it executes. */
  private List<Operations.NodeInfo> nodes() {
    var settings = daemon.config().daemon();
    boolean clustered = settings.cluster().enabled();
    Map<String, Instant> checkIns = clustered ? daemon.quartz().clusterCheckIns(jdbc()) : Map.of();
    Map<String, List<RunRecord>> byNode = new java.util.TreeMap<>();
    new RunRepository(jdbc()).running(null).forEach(r ->
        byNode.computeIfAbsent(r.nodeId() == null ? "?" : r.nodeId(), k -> new java.util.ArrayList<>()).add(r));
    Instant deadline = clock.instant().minus(settings.cluster().failureDetection());
    List<Operations.NodeInfo> out = new java.util.ArrayList<>();
    for (NodeRepository.Node n : new NodeRepository(jdbc()).all()) {
      boolean self = n.nodeId().equals(settings.nodeId());
      if (!clustered && !self && !byNode.containsKey(n.nodeId())) {
        continue; // a single node lists itself (and any node id its runs were left under)
      }
      Instant checkin = checkIns.get(n.nodeId());
      boolean alive = self || (clustered && checkin != null && checkin.isAfter(deadline));
      List<RunRecord> runs = byNode.getOrDefault(n.nodeId(), List.of());
      out.add(new Operations.NodeInfo(n.nodeId(), self, alive, checkin, n.lastSeen(), n.clockSkewMs(),
          n.version(), runs.size(), runs.stream().limit(20).map(r -> r.workflowId() + "#" + r.id()).toList()));
    }
    return out;
  }

  private Map<String, Operations.Component> components() {
    Map<String, Operations.Component> components = new LinkedHashMap<>();
    Watchdog.Report report = daemon.watchdog().report();
    report.components().forEach((name, state) ->
        components.put(name, new Operations.Component(state, report.details().get(name))));
    Instant beat = daemon.watchdog().lastBeat();
    components.put("watchdog", beat == null ? new Operations.Component("STARTING", "no tick yet")
        : new Operations.Component("UP", "last tick " + beat));
    components.put("dispatcher", dispatcher());
    reconciliationFreshness().ifPresent(c -> components.put("reconciliation", c));
    return components;
  }

  /**
   * How fresh the inventory picture is: the oldest of the latest reconcile records (one per
   * configured reconcile step). Whether that is too old is the liveness check's call (a workflow
   * overdue is DEGRADED there); this says when, and what the last scan found.
   */
  private Optional<Operations.Component> reconciliationFreshness() {
    List<ReconciliationRecord> latest = reconciliation(null).stream()
        .filter(r -> "reconcile".equals(r.kind())).toList();
    if (latest.isEmpty()) {
      return Optional.empty();
    }
    ReconciliationRecord oldest = latest.stream().min(java.util.Comparator.comparing(ReconciliationRecord::finishedAt))
        .orElseThrow();
    long ageSeconds = Duration.between(oldest.finishedAt(), clock.instant()).toSeconds();
    return Optional.of(new Operations.Component("UP", oldest.workflowId() + "/" + oldest.stepId() + " last ran "
        + ageSeconds + " s ago: " + oldest.gapsFound() + " gap(s), " + oldest.tasksCreated() + " task(s) created"
        + (oldest.inventoryAgeSeconds() != null ? ", inventory " + oldest.inventoryAgeSeconds() + " s old" : "")));
  }

  private Operations.Component dispatcher() {
    var held = daemon.engine().resources().reason();
    if (held.isPresent()) {
      return new Operations.Component("HELD", held.get());
    }
    return daemon.dispatcher().lastPass()
        .map(p -> new Operations.Component(p.note() == null ? "UP" : "IDLE", "last pass " + p.at() + ": claimed "
            + p.claimed() + ", started " + p.started() + (p.note() == null ? "" : "; " + p.note())))
        .orElse(new Operations.Component("STARTING", "no pass yet"));
  }

  @Override
  public Summary summary() {
    SchedulerState global = new SchedulerStateRepository(jdbc()).get();
    int pausedWorkflows = 0;
    Set<String> configured = new java.util.HashSet<>();
    daemon.config().workflows().forEach(wf -> configured.add(wf.id()));
    for (WorkflowState st : new WorkflowStateRepository(jdbc()).all()) {
      if (st.paused() && configured.contains(st.workflowId())) {
        pausedWorkflows++;
      }
    }
    Instant todayStart = clock.instant().atZone(daemon.config().daemon().scheduler().timeZone())
        .toLocalDate().atStartOfDay(daemon.config().daemon().scheduler().timeZone()).toInstant();
    Map<String, Long> ended = new LinkedHashMap<>();
    runs().endedSince(todayStart).forEach((state, n) -> ended.put(state.name(), n));
    return new Summary(daemon.config().daemon().nodeId(), version, startedAt,
        daemon.config().daemon().store().maskedUrl(), daemon.quartz().isStarted(), global.paused(),
        global.pausedBy(), global.pauseReason(), global.pausedUntil(),
        daemon.engine().active().ids().size(), configured.size(), pausedWorkflows, todayStart, ended);
  }

  @Override
  public WorkflowPage workflowPage(String idContains, int offset, int limit, int recentRuns) {
    String needle = idContains == null ? "" : idContains.toLowerCase(Locale.ROOT);
    List<WorkflowDef> matching = daemon.config().workflows().stream()
        .filter(wf -> wf.id().toLowerCase(Locale.ROOT).contains(needle)).toList();
    WorkflowStateRepository states = new WorkflowStateRepository(jdbc());
    List<WorkflowRow> rows = matching.stream().skip(offset).limit(limit)
        .map(wf -> new WorkflowRow(info(wf, states.find(wf.id()).orElse(null)),
            runs().list(wf.id(), null, null, recentRuns)))
        .toList();
    return new WorkflowPage(matching.size(), offset, rows);
  }

  @Override
  public List<StepNode> steps(String workflowId) {
    return workflowDef(workflowId).steps().stream().map(DaemonOperations::node).toList();
  }

  private static StepNode node(dev.shotclock.config.StepDef step) {
    Map<String, String> upstream = new LinkedHashMap<>();
    step.dependsOn().edges().forEach((id, mode) -> upstream.put(id, mode.name().toLowerCase(Locale.ROOT)));
    var quorum = step.dependsOn().quorum();
    if (quorum != null) {
      quorum.of().forEach(id -> upstream.putIfAbsent(id, "quorum " + quorum.count() + " of " + quorum.of().size()));
    }
    return new StepNode(step.id(), step.action().kind(), step.critical(), upstream);
  }

  @Override
  public List<WorkflowInfo> workflows() {
    Map<String, WorkflowState> states = new LinkedHashMap<>();
    new WorkflowStateRepository(jdbc()).all().forEach(s -> states.put(s.workflowId(), s));
    return daemon.config().workflows().stream().map(wf -> info(wf, states.get(wf.id()))).toList();
  }

  @Override
  public WorkflowInfo workflow(String id) {
    WorkflowDef wf = workflowDef(id);
    return info(wf, new WorkflowStateRepository(jdbc()).find(id).orElse(null));
  }

  private WorkflowDef workflowDef(String id) {
    return daemon.config().workflow(id).orElseThrow(() -> ApiException.notFound("workflow " + id));
  }

  private WorkflowInfo info(WorkflowDef wf, WorkflowState st) {
    List<String> triggers = wf.triggers().stream().map(DaemonOperations::describe).toList();
    boolean paused = st != null && st.paused();
    return new WorkflowInfo(wf.id(), wf.description(), triggers,
        wf.overlap().name().toLowerCase(Locale.ROOT),
        wf.catchUp().policy().name().toLowerCase(Locale.ROOT)
            + (wf.catchUp().maxLateness() != null ? " (max_lateness " + wf.catchUp().maxLateness() + ")" : ""),
        paused, st == null ? null : st.pausedBy(), st == null ? null : st.pauseReason(),
        st == null ? null : st.pausedUntil(),
        paused ? null : daemon.quartz().nextFireTime(wf.id()).orElse(null),
        runs().lastEnded(wf.id()).orElse(null),
        wf.steps().stream().map(s -> s.id()).toList(), wf.params());
  }

  private static String describe(TriggerDef t) {
    return t.cron() + " " + t.timezone().getId() + (t.jitter().isZero() ? "" : " jitter " + t.jitter());
  }

  @Override
  public Triggered trigger(String workflowId, TriggerRequest request) {
    WorkflowDef wf = workflowDef(workflowId);
    Set<String> unknown = new TreeSet<>(request.params().keySet());
    unknown.removeAll(wf.params().keySet());
    if (!unknown.isEmpty()) {
      throw ApiException.badRequest("unknown parameter(s) " + unknown + " for workflow "
          + workflowId, List.of("declared: " + new TreeSet<>(wf.params().keySet())));
    }
    Admission.Decision d = daemon.engine().admission().admitRequest(wf, TriggerKind.MANUAL,
        request.params(), request.idempotencyKey(), request.requestedBy(), null, null, request.force());
    return switch (d.kind()) {
      case CONFLICT -> throw ApiException.conflict(d.message());
      case DUPLICATE -> new Triggered(d.runId(), workflowId, stateOf(d.runId()), true, d.message());
      case QUEUED -> new Triggered(d.runId(), workflowId, "SCHEDULED", false, d.message());
      default -> {
        d.replaced().forEach(id -> daemon.engine().control().cancel(id,
            "replaced by manual run " + d.runId() + " (overlap: replace)"));
        daemon.quartz().launcher().launchNow(workflowId, d.runId());
        yield new Triggered(d.runId(), workflowId, "SCHEDULED", false, "started");
      }
    };
  }

  private String stateOf(long runId) {
    return runs().find(runId).map(r -> r.state().name()).orElse("UNKNOWN");
  }

  @Override
  public List<RunRecord> runs(String workflowId, String state, Long beforeId, int limit) {
    RunState s = null;
    if (state != null && !state.isBlank()) {
      try {
        s = RunState.valueOf(state.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("unknown run state " + state,
            List.of("states: " + List.of(RunState.values())));
      }
    }
    return runs().list(workflowId, s, beforeId, limit);
  }

  @Override
  public RunDetail run(long runId) {
    RunRecord run = runs().find(runId).orElseThrow(() -> ApiException.notFound("run " + runId));
    return new RunDetail(run, new StepRunRepository(jdbc()).forRun(runId),
        daemon.events().recent(null, runId, 100));
  }

  @Override
  public LogChunk log(long runId, long offset, int maxBytes) {
    RunRecord run = runs().find(runId).orElseThrow(() -> ApiException.notFound("run " + runId));
    if (run.logPath() == null || !Files.exists(Path.of(run.logPath()))) {
      return new LogChunk(runId, run.logPath(), offset, offset, 0, run.state().isTerminal(), "");
    }
    try (RandomAccessFile f = new RandomAccessFile(run.logPath(), "r")) {
      long size = f.length();
      long from = Math.min(offset, size);
      byte[] buf = new byte[(int) Math.min(maxBytes, size - from)];
      f.seek(from);
      f.readFully(buf);
      int len = wholeLines(buf, from + buf.length < size);
      boolean complete = run.state().isTerminal() && from + len >= size;
      return new LogChunk(runId, run.logPath(), from, from + len, size, complete,
          new String(buf, 0, len, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw ApiException.unavailable("cannot read the log of run " + runId + ": " + e.getMessage());
    }
  }

  /** Cuts a partial last line when more follows, so chunks never split a line or a character. */
  private static int wholeLines(byte[] buf, boolean moreFollows) {
    if (!moreFollows) {
      return buf.length;
    }
    for (int i = buf.length - 1; i >= 0; i--) {
      if (buf[i] == '\n') {
        return i + 1;
      }
    }
    return buf.length;
  }

  @Override
  public Cancelled cancel(long runId, String requestedBy) {
    String who = requestedBy != null ? requestedBy : "an operator";
    var result = daemon.engine().control().cancel(runId, "cancelled by " + who);
    return switch (result) {
      case NO_SUCH_RUN -> throw ApiException.notFound("run " + runId);
      case ALREADY_ENDED -> throw ApiException.conflict("run " + runId + " already ended " + stateOf(runId));
      case NOT_HERE -> throw ApiException.conflict("run " + runId + " is not executing on this node");
      default -> new Cancelled(runId, result.name());
    };
  }

  @Override
  public Reload reload(boolean dryRun) {
    ReloadResult r = daemon.reload(dryRun);
    ConfigDiff d = r.diff();
    if (!r.valid()) {
      throw new ApiException(400, "configuration invalid; nothing changed", r.problems());
    }
    return new Reload(true, r.applied(), List.of(), d.added(), d.changed(), d.removed(),
        d.sourcesChanged(), d.restartNeeded(), plan(r));
  }

  /** Next three fire times before and after, for every workflow the reload adds, changes or removes. */
  private List<ReloadPlan> plan(ReloadResult r) {
    Instant now = clock.instant();
    List<ReloadPlan> plan = new ArrayList<>();
    for (String id : r.diff().added()) {
      plan.add(new ReloadPlan(id, "added", List.of(), nextFires(r.after().workflow(id).orElseThrow(), now)));
    }
    for (String id : r.diff().changed()) {
      plan.add(new ReloadPlan(id, "changed", nextFires(r.before().workflow(id).orElseThrow(), now),
          nextFires(r.after().workflow(id).orElseThrow(), now)));
    }
    for (String id : r.diff().removed()) {
      plan.add(new ReloadPlan(id, "removed", nextFires(r.before().workflow(id).orElseThrow(), now), List.of()));
    }
    return plan;
  }

  private List<Instant> nextFires(WorkflowDef wf, Instant now) {
    return wf.triggers().stream()
        .flatMap(t -> cron.between(t, now, now.plusSeconds(400L * 86_400), 3).stream())
        .sorted().distinct().limit(3).toList();
  }

  @Override
  public PauseChange pause(String workflowId, PauseRequest request) {
    workflowDef(workflowId);
    PauseControl.Outcome o = daemon.engine().pauses().pause(workflowId, who(request.requestedBy()),
        request.reason(), future(request.until()));
    return new PauseChange(o.changed(), o.message(), o.startedRuns());
  }

  @Override
  public PauseChange resume(String workflowId, ResumeRequest request) {
    workflowDef(workflowId);
    PauseControl.Outcome o = daemon.engine().pauses().resume(workflowId, choice(request.catchUp()),
        who(request.requestedBy()));
    return new PauseChange(o.changed(), o.message(), o.startedRuns());
  }

  @Override
  public PauseChange pauseAll(PauseRequest request) {
    PauseControl.Outcome o = daemon.engine().pauses().pauseAll(who(request.requestedBy()),
        request.reason(), future(request.until()));
    return new PauseChange(o.changed(), o.message(), o.startedRuns());
  }

  @Override
  public PauseChange resumeAll(ResumeRequest request) {
    PauseControl.Outcome o = daemon.engine().pauses().resumeAll(choice(request.catchUp()),
        who(request.requestedBy()));
    return new PauseChange(o.changed(), o.message(), o.startedRuns());
  }

  private Instant future(Instant until) {
    if (until != null && !until.isAfter(clock.instant())) {
      throw ApiException.badRequest("until must be in the future: " + until, List.of());
    }
    return until;
  }

  private static ResumeChoice choice(String catchUp) {
    try {
      return ResumeChoice.parse(catchUp);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage(), List.of());
    }
  }

  private static String who(String requestedBy) {
    return requestedBy != null && !requestedBy.isBlank() ? requestedBy : "an operator";
  }

  @Override
  public Triggered retry(long runId, String requestedBy) {
    RunRecord run = runs().find(runId).orElseThrow(() -> ApiException.notFound("run " + runId));
    WorkflowDef wf = workflowDef(run.workflowId());
    daemon.engine().control().whyNotRetryable(run).ifPresent(why -> {
      throw ApiException.conflict(why);
    });
    Admission.Decision d = daemon.engine().admission().admitRequest(wf, TriggerKind.RETRY,
        run.params(), null, who(requestedBy), run.correlationId(), runId);
    return switch (d.kind()) {
      case CONFLICT -> throw ApiException.conflict(d.message());
      case QUEUED -> new Triggered(d.runId(), wf.id(), "SCHEDULED", false, "queued: " + d.message());
      default -> {
        daemon.quartz().launcher().launchNow(wf.id(), d.runId());
        yield new Triggered(d.runId(), wf.id(), "SCHEDULED", false, "retrying run " + runId
            + "; steps that succeeded there are not run again");
      }
    };
  }

  @Override
  public List<RunRecord> missed(String workflowId, int limit) {
    if (workflowId != null) {
      workflowDef(workflowId);
    }
    return runs().notRun(workflowId, limit);
  }

  @Override
  public RunStats.WorkflowStats stats(String workflowId, int days) {
    workflowDef(workflowId);
    return new RunStats(jdbc(), clock).of(workflowId, days);
  }

  @Override
  public Why why(String workflowId) {
    WorkflowDef wf = workflowDef(workflowId);
    WorkflowState st = new WorkflowStateRepository(jdbc()).find(workflowId).orElse(null);
    return new WhyExplainer(cron).explain(wf, st, new SchedulerStateRepository(jdbc()).get(), runs(),
        daemon.quartz().nextFireTime(workflowId), daemon.engine().resources().holds(wf),
        new dev.shotclock.workflow.Blackouts(daemon.liveConfig()).covering(wf, clock.instant()), clock.instant());
  }

  @Override
  public Backfilled backfill(String workflowId, Instant from, Instant to, boolean dryRun, String requestedBy) {
    WorkflowDef wf = workflowDef(workflowId);
    try {
      List<BackfillSlot> slots = daemon.engine().backfill().run(wf, from, to, dryRun, who(requestedBy))
          .stream().map(s -> new BackfillSlot(s.scheduledAt(), s.action(), s.runId())).toList();
      return new Backfilled(workflowId, dryRun, slots);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage(), List.of());
    }
  }

  @Override
  public List<Event> events(String kind, String workflowId, Long beforeId, int limit) {
    String k = kind == null || kind.isBlank() ? null : kind.toUpperCase(Locale.ROOT);
    return daemon.events().recent(k, workflowId, null, beforeId, limit);
  }

  @Override
  public List<ReconciliationRecord> reconciliation(String workflowId) {
    if (workflowId != null && !workflowId.isBlank()) {
      workflowDef(workflowId);
    }
    // Records of workflows no longer configured are history, not status.
    Set<String> configured = daemon.config().workflowsById().keySet();
    return new ReconciliationRepository(jdbc()).latest().stream()
        .filter(r -> configured.contains(r.workflowId()))
        .filter(r -> workflowId == null || workflowId.isBlank() || r.workflowId().equals(workflowId))
        .toList();
  }

  @Override
  public void audit(String who, String call, int status) {
    daemon.events().info("AUDIT", null, null, call + " by " + who + " -> " + status);
  }
}
