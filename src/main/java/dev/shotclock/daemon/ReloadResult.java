package dev.shotclock.daemon;

import dev.shotclock.config.ConfigDiff;
import dev.shotclock.config.ShotClockConfig;
import java.util.List;

/**
 * Outcome of a reload.
 *
 * @param problems configuration errors; when not empty nothing was changed
 * @param diff what changed (or would change, on a dry run); null when invalid
 * @param applied whether the new configuration is now in force
 * @param before the configuration in force before the reload
 * @param after the configuration loaded (null when invalid)
 */
public record ReloadResult(List<String> problems, ConfigDiff diff, boolean applied,
    ShotClockConfig before, ShotClockConfig after) {

  public boolean valid() {
    return problems.isEmpty();
  }
}
