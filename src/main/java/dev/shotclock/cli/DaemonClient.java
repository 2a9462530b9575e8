package dev.shotclock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shotclock.admin.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Talks to a running daemon through its admin API, found via {@code admin.port} and {@code
 * admin.token} in the state directory, whoever started it.
 */
final class DaemonClient {

  /** A reply: status and JSON body. */
  record Reply(int status, JsonNode body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    String error() {
      JsonNode e = body.get("error");
      StringBuilder sb = new StringBuilder(e != null ? e.asText() : "HTTP " + status);
      JsonNode details = body.get("details");
      if (details != null) {
        details.forEach(d -> sb.append("\n  ").append(d.asText()));
      }
      return sb.toString();
    }
  }

  static final ObjectMapper JSON = Json.mapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private final URI base;
  private final String token;

  private DaemonClient(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  static DaemonClient forStateDir(Path stateDir) {
    String port = read(stateDir.resolve("admin.port"), "admin port");
    String token = read(stateDir.resolve("admin.token"), "admin token");
    return new DaemonClient(URI.create("http://127.0.0.1:" + port.trim()), token.trim());
  }

  private static String read(Path file, String what) {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCodes.UNREACHABLE, "daemon not reachable: no " + what + " file "
          + file + " (is shotclockd running with this configuration?)");
    } catch (IOException e) {
      throw new CliException(ExitCodes.UNREACHABLE, "daemon not reachable: cannot read " + file
          + ": " + e.getMessage());
    }
  }

  Reply get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  Reply post(String path, Object body) {
    try {
      return send(HttpRequest.newBuilder(base.resolve(path))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    } catch (IOException e) {
      throw new CliException(ExitCodes.USAGE, "cannot encode request: " + e.getMessage());
    }
  }

  private Reply send(HttpRequest.Builder request) {
    HttpRequest r = request.header("Authorization", "Bearer " + token)
        .timeout(Duration.ofSeconds(30)).build();
    try {
      HttpResponse<byte[]> resp = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
      JsonNode body = resp.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(resp.body());
      return new Reply(resp.statusCode(), body);
    } catch (ConnectException | HttpTimeoutException e) {
      throw new CliException(ExitCodes.UNREACHABLE, "daemon not reachable at " + base + ": "
          + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
    } catch (IOException e) {
      throw new CliException(ExitCodes.UNREACHABLE, "daemon not reachable at " + base + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCodes.CANCELLED, "interrupted");
    }
  }

  /** The body of a successful reply; otherwise fails with the exit code the status means. */
  static JsonNode require(Reply reply) {
    if (reply.ok()) {
      return reply.body();
    }
    int code = switch (reply.status()) {
      case 409 -> ExitCodes.CONFLICT;
      case 400, 404, 405, 413, 415 -> ExitCodes.USAGE;
      case 401, 403 -> ExitCodes.UNREACHABLE;
      default -> ExitCodes.FAILED;
    };
    throw new CliException(code, reply.error());
  }
}
