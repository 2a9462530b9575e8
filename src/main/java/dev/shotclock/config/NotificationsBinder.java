package dev.shotclock.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Binds {@code notifications:} of shotclock.yaml. */
final class NotificationsBinder {

  private static final Set<NotifyEvent> DEFAULT_EVENTS;

  static {
    Set<NotifyEvent> all = EnumSet.allOf(NotifyEvent.class);
    all.remove(NotifyEvent.RUN_WARNINGS);
    DEFAULT_EVENTS = Set.copyOf(all);
  }

  private NotificationsBinder() {}

  static NotificationSettings bind(YamlMap m) {
    Duration throttle = m.get("throttle").duration().orElse(Duration.ofHours(1));
    Map<String, NotifierDef> notifiers = new TreeMap<>();
    m.get("notifiers").entries().forEach((name, v) -> {
      if (!StepBinder.ID.matcher(name).matches()) {
        v.problem("invalid notifier name '" + name + "': " + StepBinder.ID_RULE);
      }
      NotifierDef def = v.object(n -> notifier(name, n));
      if (def != null) {
        notifiers.put(name, def);
      }
    });
    return new NotificationSettings(throttle, notifiers);
  }

  private static NotifierDef notifier(String name, YamlMap m) {
    Value type = m.get("type").required();
    Set<NotifyEvent> events = events(m.get("events"));
    String url = httpUrl(m.get("url"));
    Map<String, String> headers = new LinkedHashMap<>();
    m.get("headers").entries().forEach((k, v) -> v.string().ifPresent(s -> headers.put(k, s)));
    Value host = m.get("host");
    int port = m.get("port").integer(1, 65535).orElse(25);
    boolean starttls = m.get("starttls").bool().orElse(false);
    String username = m.get("username").string().orElse(null);
    String password = m.get("password").string().orElse(null);
    Value from = m.get("from");
    Value to = m.get("to");
    String kind = type.string().orElse("");
    switch (kind) {
      case "slack":
        requireAbsent(host, from, to);
        return url == null ? requiredUrl(m) : new NotifierDef.Slack(name, url, events);
      case "webhook":
        requireAbsent(host, from, to);
        return url == null ? requiredUrl(m) : new NotifierDef.Webhook(name, url, headers, events);
      case "email":
        List<String> recipients = new ArrayList<>();
        to.required().list().forEach(item -> item.string().ifPresent(recipients::add));
        String fromAddress = from.required().string().orElse(null);
        String hostName = host.required().string().orElse(null);
        return hostName == null || fromAddress == null ? null
            : new NotifierDef.Email(name, hostName, port, starttls, username, password,
                fromAddress, recipients, events);
      default:
        if (type.isPresent()) {
          type.problem("unknown notifier type '" + kind + "'; use slack, webhook or email");
        }
        return null;
    }
  }

  private static NotifierDef requiredUrl(YamlMap m) {
    m.get("url").required();
    return null;
  }

  private static void requireAbsent(Value... values) {
    for (Value v : values) {
      if (v.isPresent()) {
        v.problem("only email notifiers take this key");
      }
    }
  }

  private static String httpUrl(Value v) {
    return v.string().filter(v.must(u -> u.startsWith("http://") || u.startsWith("https://"),
        "must be an http:// or https:// URL")).orElse(null);
  }

  private static Set<NotifyEvent> events(Value v) {
    if (!v.isPresent()) {
      return DEFAULT_EVENTS;
    }
    Set<NotifyEvent> events = EnumSet.noneOf(NotifyEvent.class);
    v.list().forEach(item -> item.choice(NotifyEvent.class).ifPresent(events::add));
    return Set.copyOf(events);
  }
}
