package dev.shotclock.notify;

import dev.shotclock.config.LiveConfig;
import dev.shotclock.config.NotificationSettings;
import dev.shotclock.config.NotifierDef;
import dev.shotclock.config.WorkflowDef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts to the notifiers that subscribe to their event (and, for a workflow's alerts, the
 * ones its {@code notify:} names), on a thread of its own: a slow or failing notifier never holds
 * up or fails a run. Identical alerts are sent once per throttle window per notifier; the next one
 * that goes out says how many were held back.
 */
public final class Notifications implements Alerts, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

  private record Target(NotifierDef def, Sender sender) {}

  private static final class Window {
    Instant sentAt;
    int heldBack;
  }

  private final Map<String, Target> targets = new LinkedHashMap<>();
  private final LiveConfig config;
  private final Duration throttle;
  private final Clock clock;
  private final Map<String, Window> windows = new java.util.concurrent.ConcurrentHashMap<>();
  private final ExecutorService delivery = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "shotclock-notify");
    t.setDaemon(true);
    return t;
  });

  public Notifications(NotificationSettings settings, LiveConfig config, Clock clock) {
    this.config = config;
    this.throttle = settings.throttle();
    this.clock = clock;
    HttpSenders http = new HttpSenders();
    settings.notifiers().forEach((name, def) -> targets.put(name, new Target(def, sender(def, http))));
  }

  private static Sender sender(NotifierDef def, HttpSenders http) {
    if (def instanceof NotifierDef.Slack s) {
      return http.slack(s);
    }
    if (def instanceof NotifierDef.Webhook w) {
      return http.webhook(w);
    }
    return new EmailSender((NotifierDef.Email) def);
  }

  @Override
  public void send(Alert alert) {
    if (targets.isEmpty()) {
      return;
    }
    try {
      delivery.execute(() -> deliver(alert));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.debug("alert {} not sent: notifications are shut down", alert.title());
    }
  }

  private void deliver(Alert alert) {
    for (Map.Entry<String, Target> t : targets.entrySet()) {
      if (!wants(t.getValue().def(), alert)) {
        continue;
      }
      Integer heldBack = admit(t.getKey(), alert);
      if (heldBack == null) {
        continue;
      }
      try {
        t.getValue().sender().deliver(alert, heldBack);
      } catch (Exception e) {
        LOG.warn("notifier {} could not deliver '{}': {}", t.getKey(), alert.title(), e.toString());
      } catch (Error e) {
        LOG.error("notifier {} failed badly delivering '{}'", t.getKey(), alert.title(), e);
      }
    }
  }

  private boolean wants(NotifierDef def, Alert alert) {
    if (!def.events().contains(alert.event())) {
      return false;
    }
    if (alert.workflowId() == null) {
      return true;
    }
    List<String> named = config.get().workflow(alert.workflowId()).map(WorkflowDef::notifiers).orElse(null);
    return named == null || named.contains(def.name());
  }

  /** Null when throttled (counted); else how many identical alerts were held back before this one. */
  private Integer admit(String notifier, Alert alert) {
    Window w = windows.computeIfAbsent(notifier + "|" + alert.throttleKey(), k -> new Window());
    synchronized (w) {
      Instant now = clock.instant();
      if (w.sentAt != null && Duration.between(w.sentAt, now).compareTo(throttle) < 0) {
        w.heldBack++;
        return null;
      }
      int held = w.heldBack;
      w.sentAt = now;
      w.heldBack = 0;
      return held;
    }
  }

  /** Waits (boundedly) for queued alerts, e.g. the daemon-stopped one, then stops. */
  @Override
  public void close() {
    delivery.shutdown();
    try {
      delivery.awaitTermination(15, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
