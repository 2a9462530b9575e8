package dev.shotclock.quartz;

/** A failure inside the scheduler engine, unchecked at our boundary. */
public final class QuartzException extends RuntimeException {

  public QuartzException(String message, Throwable cause) {
    super(message + ": " + cause.getMessage(), cause);
  }
}
