package dev.shotclock.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** A notifier of {@code notifications.notifiers} in shotclock.yaml: where alerts go. */
public sealed interface NotifierDef {

  String name();

  /** The events it is told about. */
  Set<NotifyEvent> events();

  /** A Slack incoming webhook: POST {"text": ...}. */
  record Slack(String name, String url, Set<NotifyEvent> events) implements NotifierDef {}

  /** A generic JSON webhook: POST of the alert's fields, with extra headers (a token, say). */
  record Webhook(String name, String url, Map<String, String> headers, Set<NotifyEvent> events)
      implements NotifierDef {}

  /** Email through an SMTP server. */
  record Email(String name, String host, int port, boolean starttls, String username,
      String password, String from, List<String> to, Set<NotifyEvent> events) implements NotifierDef {

    @Override
    public String toString() {
      return "Email[name=" + name + ", host=" + host + ", port=" + port + ", from=" + from + ", to=" + to + "]";
    }
  }
}
