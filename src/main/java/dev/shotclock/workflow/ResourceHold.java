package dev.shotclock.workflow;

import dev.shotclock.config.WorkflowDef;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether data collection is held back because a resource it consumes is short (disk space below
 * {@code watchdog.min_free}). The watchdog sets it; admission records the slots of data-collection
 * workflows SKIPPED_RESOURCE and the dispatcher claims no tasks while it is set. Per node: each
 * node checks its own disks.
 */
public final class ResourceHold {

  private final AtomicReference<String> reason = new AtomicReference<>();

  /** Holds with this reason; true when it was not held before. */
  public boolean hold(String why) {
    return reason.getAndSet(why) == null;
  }

  /** Releases; true when it was held. */
  public boolean release() {
    return reason.getAndSet(null) != null;
  }

  public Optional<String> reason() {
    return Optional.ofNullable(reason.get());
  }

  /** Why {@code wf}'s slots do not run now, if they are held back. */
  public Optional<String> holds(WorkflowDef wf) {
    return wf.collectsData() ? reason() : Optional.empty();
  }
}
