package dev.shotclock.config;

import java.time.Duration;
import java.util.List;

/**
 * Job-to-job triggers: the workflow starts when another one ends. With cron triggers besides, the
 * cron slots are a fallback: a slot is skipped (SKIPPED_UPSTREAM) when an upstream-started run
 * began within {@code fallbackWindow} before it.
 *
 * @param onSuccessOf a run of each of these that succeeds (warnings allowed) starts this workflow
 * @param onCompletionOf a run of each of these that ends, whatever the outcome, starts it
 */
public record UpstreamDef(List<String> onSuccessOf, List<String> onCompletionOf, Duration fallbackWindow) {

  public static final Duration DEFAULT_FALLBACK_WINDOW = Duration.ofHours(23);
  public static final UpstreamDef NONE = new UpstreamDef(List.of(), List.of(), DEFAULT_FALLBACK_WINDOW);

  public UpstreamDef {
    onSuccessOf = List.copyOf(onSuccessOf);
    onCompletionOf = List.copyOf(onCompletionOf);
  }

  public boolean isEmpty() {
    return onSuccessOf.isEmpty() && onCompletionOf.isEmpty();
  }

  /** Whether an end of {@code upstream} in this state should start the workflow. */
  public boolean startsAfter(String upstream, boolean succeeded) {
    return onCompletionOf.contains(upstream) || succeeded && onSuccessOf.contains(upstream);
  }
}
