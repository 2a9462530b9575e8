package dev.shotclock.daemon;

import dev.shotclock.admin.Operations;
import dev.shotclock.config.TriggerDef;
import dev.shotclock.config.WorkflowDef;
import dev.shotclock.history.RunRecord;
import dev.shotclock.history.RunRepository;
import dev.shotclock.history.SchedulerState;
import dev.shotclock.history.WorkflowState;
import dev.shotclock.quartz.QuartzCron;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Answers "why did (or didn't) this workflow run, and what will it do next?" in sentences: how its
 * triggers are evaluated, pause state, overlap with what is running now, catch-up policy, the last
 * run and the last slot that did not run, and the next fire.
 */
final class WhyExplainer {

  private final QuartzCron cron;

  WhyExplainer(QuartzCron cron) {
    this.cron = cron;
  }

  Operations.Why explain(WorkflowDef wf, WorkflowState state, SchedulerState global, RunRepository runs,
      Optional<Instant> nextFire, Optional<String> heldBack, Optional<String> blackoutNow, Instant now) {
    List<String> lines = new ArrayList<>();
    triggers(wf, now, lines);
    pauses(state, global, lines);
    blackoutNow.ifPresent(why -> lines.add("inside " + why + " now: scheduled fires are recorded"
        + " SKIPPED_BLACKOUT; a manual trigger needs --force"));
    upstream(wf, lines);
    heldBack.ifPresent(why -> lines.add("held back (collects_data): " + why
        + "; slots are recorded SKIPPED_RESOURCE until the watchdog sees space again"));
    List<RunRecord> active = runs.active(wf.id());
    lines.add("overlap: " + lower(wf.overlap()) + "; " + (active.isEmpty() ? "nothing of it is running now"
        : active.size() + " run(s) active now, first: run " + active.get(0).id() + " " + active.get(0).state()));
    lines.add("catch_up: " + lower(wf.catchUp().policy())
        + (wf.catchUp().maxLateness() != null ? " within " + wf.catchUp().maxLateness() : "")
        + "; on_crash: " + lower(wf.onCrash()));
    runs.lastEnded(wf.id()).filter(r -> r.startedAt() != null).ifPresentOrElse(
        r -> lines.add("last run: " + r.id() + " " + r.state() + " (" + r.triggerKind() + ", slot "
            + r.slotKey() + ")" + (r.error() != null ? ": " + r.error() : "")),
        () -> lines.add("last run: none yet"));
    runs.notRun(wf.id(), 1).stream().findFirst().ifPresent(r -> lines.add("last slot not run: "
        + r.scheduledAt() + " " + r.state() + ": " + r.reason()));
    lines.add(nextFire.map(t -> "next fire: " + t).orElse(wf.triggers().isEmpty()
        ? "next fire: never (no triggers; manual runs only)" : "next fire: none while paused"));
    return new Operations.Why(wf.id(), lines, nextFire.orElse(null));
  }

  private static void upstream(WorkflowDef wf, List<String> lines) {
    if (wf.upstream().isEmpty()) {
      return;
    }
    String after = (wf.upstream().onSuccessOf().isEmpty() ? "" : "on success of " + wf.upstream().onSuccessOf())
        + (wf.upstream().onSuccessOf().isEmpty() || wf.upstream().onCompletionOf().isEmpty() ? "" : "; ")
        + (wf.upstream().onCompletionOf().isEmpty() ? "" : "on completion of " + wf.upstream().onCompletionOf());
    lines.add("starts " + after + (wf.triggers().isEmpty() ? ""
        : "; its cron slots are fallbacks, skipped (SKIPPED_UPSTREAM) when an upstream started it within "
            + dev.shotclock.config.Durations.format(wf.upstream().fallbackWindow())));
  }

  private void triggers(WorkflowDef wf, Instant now, List<String> lines) {
    if (wf.triggers().isEmpty()) {
      lines.add("triggers: none; the workflow runs only when triggered by hand or by a task");
    }
    for (int i = 0; i < wf.triggers().size(); i++) {
      TriggerDef t = wf.triggers().get(i);
      lines.add("trigger " + i + ": '" + t.cron() + "' in " + t.timezone().getId() + " (Quartz cron '"
          + cron.asQuartz(t) + "'" + (t.jitter().isZero() ? "" : ", jitter up to " + t.jitter())
          + "); next: " + cron.between(t, now, now.plusSeconds(400L * 86_400), 3));
    }
  }

  private static void pauses(WorkflowState state, SchedulerState global, List<String> lines) {
    if (global.paused()) {
      lines.add("scheduler paused since " + global.pausedAt() + " by " + global.pausedBy()
          + (global.pauseReason() != null ? ": " + global.pauseReason() : "")
          + (global.pausedUntil() != null ? " (until " + global.pausedUntil() + ")" : ""));
    }
    if (state != null && state.paused()) {
      lines.add("workflow paused since " + state.pausedAt() + " by " + state.pausedBy()
          + (state.pauseReason() != null ? ": " + state.pauseReason() : "")
          + (state.pausedUntil() != null ? " (until " + state.pausedUntil() + ")" : "")
          + "; slots are recorded SKIPPED_PAUSED; manual triggers still run");
    } else if (!global.paused()) {
      lines.add("not paused");
    }
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
