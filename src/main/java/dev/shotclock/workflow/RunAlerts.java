package dev.shotclock.workflow;

import dev.shotclock.config.NotifyEvent;
import dev.shotclock.history.RunRecord;
import dev.shotclock.history.RunState;
import dev.shotclock.notify.Alert;
import dev.shotclock.notify.Alerts;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a run that ended badly into an alert: what, how long, the last log lines, what to run next. */
final class RunAlerts {

  private static final int TAIL_LINES = 10;
  private static final int TAIL_BYTES = 8 * 1024;

  private final Alerts alerts;
  private final Clock clock;

  RunAlerts(Alerts alerts, Clock clock) {
    this.alerts = alerts;
    this.clock = clock;
  }

  void runEnded(RunRecord run, RunState state, String summary, Path logFile) {
    NotifyEvent event = switch (state) {
      case FAILED -> NotifyEvent.RUN_FAILED;
      case TIMED_OUT -> NotifyEvent.RUN_TIMED_OUT;
      case SUCCEEDED_WITH_WARNINGS -> NotifyEvent.RUN_WARNINGS;
      default -> null;
    };
    if (event == null) {
      return;
    }
    Duration took = run.startedAt() == null ? Duration.ZERO : Duration.between(run.startedAt(), clock.instant());
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("state", state.name());
    fields.put("duration_seconds", Long.toString(took.toSeconds()));
    fields.put("slot", run.slotKey());
    fields.put("log", logFile.toString());
    fields.put("command", "shotclock show " + run.id() + "; shotclock logs " + run.id());
    String text = "run " + run.id() + " of " + run.workflowId() + " (" + run.triggerKind() + ", slot "
        + run.slotKey() + ") ended " + state + " after " + took.toSeconds() + "s"
        + (summary != null ? ": " + summary : "") + "\n\nlast log lines:\n" + String.join("\n", tail(logFile))
        + "\n\nlook further: shotclock show " + run.id() + "   shotclock logs " + run.id();
    alerts.send(new Alert(event, run.workflowId(), run.id(), "run", run.workflowId() + " run " + run.id()
        + " " + state, text, fields, clock.instant()));
  }

  /** The last lines of the log, read from its end (the log may be large). */
  static List<String> tail(Path logFile) {
    try (RandomAccessFile f = new RandomAccessFile(logFile.toFile(), "r")) {
      long from = Math.max(0, f.length() - TAIL_BYTES);
      byte[] buf = new byte[(int) (f.length() - from)];
      f.seek(from);
      f.readFully(buf);
      List<String> lines = Arrays.asList(new String(buf, StandardCharsets.UTF_8).split("\n"));
      return lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
    } catch (IOException e) {
      return List.of("(log not readable: " + e.getMessage() + ")");
    }
  }
}
