package dev.shotclock.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shotclock.config.StepAction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code http} step: GET a URL into a file. The body goes to a temporary file beside the
 * target and is renamed over it only when complete, so a reader never sees half a file. A 429 or
 * 503 with {@code Retry-After} writes {@code retry_after} to the result file (the dispatcher then
 * holds the task's source back) and the next try of the step waits at least that long. 408, 425,
 * 429 and 5xx and network errors are retried per the step's policy; other statuses are not.
 */
final class HttpFetch implements BuiltinStep {

  /** A fetch with no timeout is how scrapers hang forever: a step without one gets this. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
  private static final int ERROR_BODY_BYTES = 300;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client;
  private final Clock clock;

  HttpFetch(Clock clock) {
    this.clock = clock;
    this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  @Override
  public String kind() {
    return "http";
  }

  @Override
  public Duration defaultTimeout() {
    return DEFAULT_TIMEOUT;
  }

  @Override
  public Outcome execute(Invocation inv) throws InterruptedException {
    StepAction.Http http = (StepAction.Http) inv.action();
    String url = inv.substitute(http.url());
    HttpRequest request;
    try {
      request = request(url, http, inv);
    } catch (IllegalArgumentException | URISyntaxException e) {
      return Outcome.failed("invalid URL '" + url + "': " + e.getMessage(), false);
    }
    Path target = inv.cwd().resolve(inv.substitute(http.to())).normalize();
    inv.output().note("GET " + url + " -> " + target);
    Instant started = clock.instant();
    HttpResponse<InputStream> response;
    try {
      response = send(request, inv.cancel());
    } catch (FetchFailed e) {
      return Outcome.failed("GET " + url + " failed: " + e.getMessage(), true);
    }
    if (response == null) {
      return Outcome.failed("cancelled before the response", false);
    }
    return response.statusCode() / 100 == 2
        ? save(response, target, http.maxBytes(), inv, started)
        : refused(response, url, inv);
  }

  private static HttpRequest request(String url, StepAction.Http http, Invocation inv) throws URISyntaxException {
    URI uri = new URI(url);
    if (uri.getHost() == null || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
      throw new IllegalArgumentException("needs http:// or https:// and a host");
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET().header("User-Agent", "ShotClock");
    http.headers().forEach((name, value) -> b.header(name, inv.substitute(value)));
    return b.build();
  }

  /**
   * Sends and waits for the response headers, polling the cancel token; null when cancelled.
   *
   * @throws FetchFailed on a network error (refused, reset, DNS, connect timeout)
   */
  private HttpResponse<InputStream> send(HttpRequest request, CancelToken cancel) throws InterruptedException {
    CompletableFuture<HttpResponse<InputStream>> f =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
    while (true) {
      if (cancel.isCancelled()) {
        f.cancel(true);
        // A response that raced the cancel still holds a connection: give it back.
        f.thenAccept(r -> closeQuietly(r.body()));
        return null;
      }
      try {
        return f.get(100, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        // poll the cancel token again
      } catch (ExecutionException e) {
        throw new FetchFailed(e.getCause());
      }
    }
  }

  /** A network failure: retryable, with the cause in words. */
  static final class FetchFailed extends RuntimeException {
    FetchFailed(Throwable cause) {
      super(describe(cause), cause);
    }

    private static String describe(Throwable t) {
      String m = t.getMessage();
      return t.getClass().getSimpleName() + (m != null ? ": " + m : "");
    }
  }

  private Outcome save(HttpResponse<InputStream> response, Path target, long maxBytes, Invocation inv,
      Instant started) {
    Path part = target.resolveSibling("." + target.getFileName() + ".part-" + inv.runId() + "-" + inv.tryNumber());
    long bytes = 0;
    try (InputStream in = response.body();
        AutoCloseable onCancel = inv.cancel().onCancel(() -> closeQuietly(in))) {
      Files.createDirectories(target.getParent());
      try (OutputStream out = Files.newOutputStream(part)) {
        byte[] buf = new byte[64 * 1024];
        Instant lastProgress = clock.instant();
        for (int n; (n = in.read(buf)) >= 0; ) {
          bytes += n;
          if (bytes > maxBytes) {
            return Outcome.failed("response larger than max_bytes (" + maxBytes + " bytes)", false);
          }
          out.write(buf, 0, n);
          if (!clock.instant().isBefore(lastProgress.plus(PROGRESS_EVERY))) {
            lastProgress = clock.instant();
            progress(inv.output(), bytes);
          }
        }
      }
      if (inv.cancel().isCancelled()) {
        return Outcome.failed("cancelled", false);
      }
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (Exception e) {
      return inv.cancel().isCancelled() ? Outcome.failed("cancelled", false)
          : Outcome.failed("reading the response failed after " + bytes + " bytes: " + e, true);
    } finally {
      deleteQuietly(part);
    }
    long ms = Duration.between(started, clock.instant()).toMillis();
    progress(inv.output(), bytes);
    inv.output().note("HTTP " + response.statusCode() + ", " + bytes + " bytes in " + ms + " ms");
    writeResult(inv.resultFile(), response.statusCode(), bytes, target, ms, null);
    return Outcome.succeeded();
  }

  /** A line in the run log that also tells the stall detector the fetch is moving. */
  private static void progress(StepOutput output, long bytes) {
    byte[] line = ("received " + bytes + " bytes\n").getBytes(StandardCharsets.UTF_8);
    output.write(line, 0, line.length);
  }

  private Outcome refused(HttpResponse<InputStream> response, String url, Invocation inv) {
    int status = response.statusCode();
    String snippet = errorBody(response.body());
    Optional<Duration> retryAfter = (status == 429 || status == 503)
        ? retryAfter(response.headers().firstValue("Retry-After").orElse(null), clock.instant())
        : Optional.empty();
    writeResult(inv.resultFile(), status, 0, null, 0, retryAfter.orElse(null));
    boolean retryable = status == 408 || status == 425 || status == 429 || status >= 500;
    return Outcome.failed("HTTP " + status + " from " + url
        + retryAfter.map(d -> "; Retry-After " + d.toSeconds() + " s").orElse("")
        + (snippet.isEmpty() ? "" : ": " + snippet), retryable);
  }

  /** {@code Retry-After} as delay-seconds or an HTTP date; empty when absent or unreadable. */
  static Optional<Duration> retryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String v = header.trim();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(now, at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
  }

  /** The start of an error response, one line, for the run log and the step's error. */
  private static String errorBody(InputStream body) {
    try (InputStream in = body) {
      byte[] b = in.readNBytes(ERROR_BODY_BYTES);
      return new String(b, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
    } catch (IOException e) {
      return "";
    }
  }

  private static void writeResult(Path resultFile, int status, long bytes, Path file, long ms, Duration retryAfter) {
    ObjectNode r = JSON.createObjectNode();
    r.put("status", status);
    r.put("bytes", bytes);
    if (file != null) {
      r.put("file", file.toString());
      r.put("elapsed_ms", ms);
    }
    if (retryAfter != null) {
      r.put("retry_after", retryAfter.toSeconds());
    }
    try {
      JSON.writeValue(resultFile.toFile(), r);
    } catch (IOException e) {
      // The result file only adds detail (and retry_after); the outcome stands without it.
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // closing to abort; nothing more to do
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // a leftover .part file is named as one and replaced by the next try
    }
  }
}
