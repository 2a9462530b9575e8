package dev.shotclock.config;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The configuration in force. A reload swaps it atomically; runs already going keep the workflow
 * definition they started with.
 */
public final class LiveConfig {

  private final AtomicReference<ShotClockConfig> current;

  public LiveConfig(ShotClockConfig initial) {
    this.current = new AtomicReference<>(Objects.requireNonNull(initial));
  }

  public ShotClockConfig get() {
    return current.get();
  }

  /** Installs {@code next}; returns the configuration it replaced. */
  public ShotClockConfig swap(ShotClockConfig next) {
    return current.getAndSet(Objects.requireNonNull(next));
  }
}
