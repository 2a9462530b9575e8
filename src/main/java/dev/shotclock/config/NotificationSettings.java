package dev.shotclock.config;

import java.time.Duration;
import java.util.Map;

/**
 * @param throttle an identical alert (same event, workflow and subject) is sent at most once per
 *     this window; the next one says how many were held back
 */
public record NotificationSettings(Duration throttle, Map<String, NotifierDef> notifiers) {

  public static final NotificationSettings NONE = new NotificationSettings(Duration.ofHours(1), Map.of());

  public NotificationSettings {
    notifiers = Map.copyOf(notifiers);
  }
}
