package dev.shotclock.admin;

import java.util.List;

/** An error answered as {@code {"error": ..., "details": [...]}} with an HTTP status. */
public class ApiException extends RuntimeException {

  private final int status;
  private final List<String> details;

  public ApiException(int status, String error, List<String> details) {
    super(error);
    this.status = status;
    this.details = List.copyOf(details);
  }

  public int status() {
    return status;
  }

  public List<String> details() {
    return details;
  }

  public static ApiException notFound(String what) {
    return new ApiException(404, what + " not found", List.of());
  }

  public static ApiException badRequest(String error, List<String> details) {
    return new ApiException(400, error, details);
  }

  public static ApiException conflict(String error) {
    return new ApiException(409, error, List.of());
  }

  public static ApiException unavailable(String error) {
    return new ApiException(503, error, List.of());
  }
}
