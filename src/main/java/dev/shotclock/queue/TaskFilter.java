package dev.shotclock.queue;

/**
 * Which tasks {@link TaskQueue#list} returns, newest first; a null field does not filter.
 *
 * @param beforeId only tasks with a smaller id (keyset paging), null = from the newest
 * @param limit most rows returned, 1 to 10,000
 */
public record TaskFilter(TaskState state, String source, Priority priority, Long beforeId, int limit) {

  public static final int MAX_LIMIT = 10_000;

  public TaskFilter {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", not " + limit);
    }
  }

  /** Every task, at most 100. */
  public static TaskFilter all() {
    return new TaskFilter(null, null, null, null, 100);
  }

  public TaskFilter withState(TaskState value) {
    return new TaskFilter(value, source, priority, beforeId, limit);
  }

  public TaskFilter withSource(String value) {
    return new TaskFilter(state, value, priority, beforeId, limit);
  }

  public TaskFilter withPriority(Priority value) {
    return new TaskFilter(state, source, value, beforeId, limit);
  }

  public TaskFilter withLimit(int value) {
    return new TaskFilter(state, source, priority, beforeId, value);
  }

  public TaskFilter withBeforeId(Long value) {
    return new TaskFilter(state, source, priority, value, limit);
  }
}
