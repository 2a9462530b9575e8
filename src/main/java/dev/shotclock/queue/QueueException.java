package dev.shotclock.queue;

/** Root of the queue's own failures (the store's are {@code DbException}). */
public abstract class QueueException extends RuntimeException {

  protected QueueException(String message) {
    super(message);
  }

  protected QueueException(String message, Throwable cause) {
    super(message, cause);
  }
}
