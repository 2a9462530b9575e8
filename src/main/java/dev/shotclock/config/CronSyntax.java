package dev.shotclock.config;

import java.util.Optional;

/**
 * Checks a cron expression. The config package cannot parse cron itself (only the quartz package
 * may use Quartz), so the loader is handed an implementation.
 */
@FunctionalInterface
public interface CronSyntax {

  /** Empty when valid, else what is wrong, in words an operator understands. */
  Optional<String> problem(String expression);
}
