package dev.shotclock.adce;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one reconcile or enqueue step try found and queued ({@code sc_reconciliations}).
 *
 * @param kind {@code reconcile} or {@code enqueue}
 * @param itemsExpected (item, source) pairs of the manifest; null for an enqueue step
 * @param itemsCollected pairs with a file of at least {@code min_size}; null for an enqueue step
 * @param byPriority gaps per priority, by lower-case name (critical ... background), all present
 * @param tasksDeduplicated gaps that created no task: a live task had the key (its priority
 *     raised if the gap asked for more), or the key succeeded within the cooldown
 * @param inventoryAgeSeconds the largest age, over the step's sources, of a source's newest file
 *     when the step ran; null for an enqueue step or when no source has any file
 * @param stalestSource the source that age belongs to
 */
public record ReconciliationRecord(String workflowId, String stepId, String kind, long runId,
    Instant finishedAt, Long itemsExpected, Long itemsCollected, long gapsFound,
    Map<String, Long> byPriority, long tasksCreated, long tasksDeduplicated,
    Long inventoryAgeSeconds, String stalestSource) {

  public ReconciliationRecord {
    byPriority = Collections.unmodifiableMap(new LinkedHashMap<>(byPriority));
  }
}
