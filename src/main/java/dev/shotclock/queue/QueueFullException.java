package dev.shotclock.queue;

/**
 * An enqueue would take the live tasks past a cap; nothing of it was written. The admin API
 * answers 503, the CLI exits 1.
 */
public final class QueueFullException extends QueueException {

  private final String cap;
  private final int limit;
  private final long current;
  private final long adding;

  QueueFullException(String cap, int limit, long current, long adding) {
    super("queue full: the " + (cap.equals("max_queue") ? "max_queue" : cap + " priority")
        + " cap is " + limit + " live tasks, " + current
        + " are live and this enqueue would add " + adding + "; nothing was enqueued");
    this.cap = cap;
    this.limit = limit;
    this.current = current;
    this.adding = adding;
  }

  /** {@code max_queue} or the name of a priority, e.g. {@code CRITICAL}. */
  public String cap() {
    return cap;
  }

  public int limit() {
    return limit;
  }

  /** Live tasks under this cap before the enqueue. */
  public long current() {
    return current;
  }

  /** How many the enqueue would have added under this cap. */
  public long adding() {
    return adding;
  }
}
