package dev.shotclock.daemon;

import dev.shotclock.config.ShotClockConfig;

/** Loads the configuration directory afresh (start-up and every reload). */
@FunctionalInterface
public interface ConfigSource {

  /** @throws dev.shotclock.config.ConfigException listing every problem */
  ShotClockConfig load();
}
