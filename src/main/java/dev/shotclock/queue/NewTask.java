package dev.shotclock.queue;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an enqueue asks for. Start from {@link #of(String, String)} and adjust with the
 * {@code with*} methods.
 *
 * @param dedupeKey at most one live task per key; also the key of the cooldown after success
 * @param operation what to do for the source (e.g. a data type); may be null
 * @param params strings handed to the workflow run as its parameters
 * @param maxAttempts null = the queue's default
 * @param notBefore null = claimable at once
 * @param correlationId shared with the runs the task starts; null = a new random id
 */
public record NewTask(
    String source,
    String dedupeKey,
    String operation,
    Map<String, String> params,
    Priority priority,
    TaskOrigin origin,
    Integer maxAttempts,
    Instant notBefore,
    String correlationId) {

  public NewTask {
    requireText("source", source, 100);
    requireText("dedupeKey", dedupeKey, 250);
    if (operation != null) {
      requireText("operation", operation, 200);
    }
    Objects.requireNonNull(params, "params");
    params.forEach((k, v) -> {
      if (k == null || k.isBlank() || v == null) {
        throw new IllegalArgumentException("params: names must be non-blank and values non-null");
      }
    });
    params = Collections.unmodifiableMap(new TreeMap<>(params));
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(origin, "origin");
    if (maxAttempts != null && maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
    }
    if (correlationId != null) {
      requireText("correlationId", correlationId, 64);
    }
  }

  /** A NORMAL task from the API with no operation or parameters. */
  public static NewTask of(String source, String dedupeKey) {
    return new NewTask(source, dedupeKey, null, Map.of(), Priority.NORMAL, TaskOrigin.API, null,
        null, null);
  }

  public NewTask withOperation(String value) {
    return new NewTask(source, dedupeKey, value, params, priority, origin, maxAttempts, notBefore,
        correlationId);
  }

  public NewTask withParams(Map<String, String> value) {
    return new NewTask(source, dedupeKey, operation, value, priority, origin, maxAttempts,
        notBefore, correlationId);
  }

  public NewTask withPriority(Priority value) {
    return new NewTask(source, dedupeKey, operation, params, value, origin, maxAttempts, notBefore,
        correlationId);
  }

  public NewTask withOrigin(TaskOrigin value) {
    return new NewTask(source, dedupeKey, operation, params, priority, value, maxAttempts,
        notBefore, correlationId);
  }

  public NewTask withMaxAttempts(Integer value) {
    return new NewTask(source, dedupeKey, operation, params, priority, origin, value, notBefore,
        correlationId);
  }

  public NewTask withNotBefore(Instant value) {
    return new NewTask(source, dedupeKey, operation, params, priority, origin, maxAttempts, value,
        correlationId);
  }

  public NewTask withCorrelationId(String value) {
    return new NewTask(source, dedupeKey, operation, params, priority, origin, maxAttempts,
        notBefore, value);
  }

  private static void requireText(String field, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(
          field + " must be at most " + maxLength + " characters, not " + value.length());
    }
  }
}
