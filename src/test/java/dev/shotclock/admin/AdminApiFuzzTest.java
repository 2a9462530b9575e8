package dev.shotclock.admin;

import static dev.shotclock.testsupport.Workflows.step;
import static dev.shotclock.testsupport.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shotclock.history.RunState;
import dev.shotclock.testsupport.DaemonFixture;
import dev.shotclock.testsupport.RawHttp;
import dev.shotclock.testsupport.TestStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Thousands of malformed requests against a real daemon over raw sockets: random methods, paths,
 * headers and bodies, and bodies that are valid JSON with the wrong type in every field a route
 * reads. Every answer must be well-formed HTTP with a status below 500, within a few seconds; a
 * connection the server closes without answering is counted, and allowed only for a request whose
 * request line is broken. Afterwards the daemon is healthy and a normal trigger runs.
 *
 * <p>The seed is printed; {@code -Dshotclock.fuzz.seed=N} replays a run, {@code
 * -Dshotclock.fuzz.requests=N} changes its length.
 */
class AdminApiFuzzTest {

  private static final String WORKFLOW = "fuzzed";
  private static final int REQUESTS = Integer.getInteger("shotclock.fuzz.requests", 4000);

  @TempDir Path dir;
  private DaemonFixture daemon;

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  /** On both stores: PostgreSQL refuses text H2 takes (a NUL), which must be a 400 there too. */
  @ParameterizedTest(name = "on {0}")
  @EnumSource(TestStores.Kind.class)
  void thousands_of_malformed_requests_get_well_formed_answers_below_500_and_the_daemon_still_serves(
      TestStores.Kind store) throws Exception {
    long seed = Long.getLong("shotclock.fuzz.seed", System.nanoTime());
    System.out.println("AdminApiFuzzTest on " + store + ": seed " + seed + " (replay: -Dshotclock.fuzz.seed="
        + seed + ")");
    daemon = DaemonFixture.start(dir, store, Clock.systemUTC(),
        workflow(WORKFLOW).cron("0 0 3 1 1 ?").params(Map.of("day", "today"))
            .step(step("s").run("true")).build());
    long knownRun = daemon.runToEnd(WORKFLOW, Duration.ofSeconds(30)).id();
    RawHttp http = new RawHttp(daemon.daemon().adminPort(), 5_000);
    Requests requests = new Requests(new Random(seed), daemon.daemon().adminPort(), knownRun,
        Files.readString(daemon.stateDir().resolve(AdminTokens.TOKEN_FILE)).trim(),
        Files.readString(daemon.stateDir().resolve(AdminTokens.READONLY_TOKEN_FILE)).trim());

    Map<Integer, Integer> statuses = new TreeMap<>();
    int closed = 0;
    List<String> failures = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < REQUESTS && failures.size() < 10; i++) {
      Requests.Fuzzed f = requests.next();
      String where = "request " + i + " (seed " + seed + "): " + f.summary();
      RawHttp.Response r;
      try {
        r = http.send(f.bytes(), f.head());
      } catch (RawHttp.MalformedResponse e) {
        failures.add(where + " -> " + e.getMessage());
        continue;
      }
      if (r.closed()) {
        closed++;
        if (!f.brokenRequestLine()) {
          failures.add(where + " -> connection closed without a response");
        }
        continue;
      }
      statuses.merge(r.status(), 1, Integer::sum);
      String problem = problem(r, f.head());
      if (problem != null) {
        failures.add(where + " -> " + problem + ": " + abbreviate(r.toString()));
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    System.out.printf("AdminApiFuzzTest on %s: %d requests in %d ms; statuses %s; %d closed without an"
        + " answer%n", store, REQUESTS, took.toMillis(), statuses, closed);

    assertThat(failures).as("seed %d", seed).isEmpty();
    assertThat(statuses.keySet()).as("the fuzz reached handlers, not only the gate")
        .contains(200, 400, 401, 403, 404, 405, 413, 415);
    assertTheDaemonStillServes(http, requests);
  }

  /** What is wrong with a response, or null. */
  private static String problem(RawHttp.Response r, boolean head) {
    if (r.status() >= 500 || r.status() < 100) {
      return "status " + r.status();
    }
    String type = r.header("Content-Type");
    if (!head && r.status() >= 400 && type != null && type.startsWith("application/json")) {
      JsonNode body;
      try {
        body = r.json();
      } catch (AssertionError e) {
        return "error body is not JSON";
      }
      if (!body.path("error").isTextual() || !body.path("details").isArray()) {
        return "error body lacks error/details";
      }
    }
    return null;
  }

  private void assertTheDaemonStillServes(RawHttp http, Requests requests) throws Exception {
    RawHttp.Response health = http.send(RawHttp.get("/health"));
    assertThat(health.status()).as("%s", health).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> daemon.daemon().engine().active().isEmpty()
            && daemon.runs(WORKFLOW, RunState.SCHEDULED).isEmpty());
    RawHttp.Response trigger = http.send(RawHttp.post("/api/v1/workflows/" + WORKFLOW + "/trigger")
        .bearer(requests.fullToken).json("{\"params\": {\"day\": \"after the fuzz\"}}"));
    assertThat(trigger.status()).as("%s", trigger).isEqualTo(202);
    long runId = trigger.json().path("run_id").asLong();
    assertThat(daemon.awaitEnd(runId, Duration.ofSeconds(30)).state()).isEqualTo(RunState.SUCCEEDED);
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  /** The generator: every choice comes from one seeded Random, so a seed replays a run exactly. */
  static final class Requests {

    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS",
        "PATCH", "TRACE", "get", "Post", "FOO", "M-SEARCH", "X".repeat(300)};
    /** The live route table ("POST /api/v1/workflows/{id}/trigger"), and two routes to come. */
    private static final String[] ROUTES = Stream.concat(
        AdminApiSecurityTest.routeTable().stream().map(r -> r.replace(" open", "")),
        Stream.of("GET /metrics", "GET /api/v1/tasks", "POST /api/v1/tasks")).toArray(String[]::new);
    private static final String[] JUNK_IDS = {"-1", "0", "99999999999999999999", "1e3", "0x10",
        "%00", "%2F", "%2e%2e", "..", "%ff%fe", "%C3%28", "a%20b", "%25", "+", "~", "'", "%22",
        "%3Cscript%3E", "%E2%80%AE", "DROP%20TABLE%20sc_runs", "%0d%0aX:%20y", "%09", "%F0%9F%98%80"};
    private static final String[] QUERIES = {"limit=abc", "limit=-1", "limit=0", "limit=99999999999",
        "limit=10001", "limit=", "offset=-5", "offset=abc", "offset=99999999999999", "max=0",
        "max=-3", "max=2000000", "state=bogus", "state=%00", "state=succeeded", "workflow=%00",
        "workflow=", "workflow=" + "w".repeat(5000), "kind=%ff", "dry_run=maybe", "dry_run=true",
        "limit=1&limit=2", "=", "&&&", "a=%zz", "%", "limit=%31", "limit=1%00", "limit=%E2%80%AE5",
        "offset=1.5", "limit=+3", "limit= 3", "days=0", "days=abc", "days=99999999999", "days=+3",
        "days=3651", "days=%D9%A3"};
    private static final String[] HOSTS = {"evil.example", "", "localhost:99999", "[::1",
        "127.0.0.1:-1", "LOCALHOST", "localhost.", "127.1", "%6cocalhost"};
    private static final String[] TYPES = {"application/json", "application/json; charset=utf-8",
        "APPLICATION/JSON", "application/x-www-form-urlencoded", "text/plain", "application/jsonx",
        "multipart/form-data; boundary=--x", ";", "application/json;;;", "\u00ff"};
    /** Body fields the routes read, and the fields of nested objects. */
    private static final String[] FIELDS = {"params", "idempotency_key", "requested_by", "reason",
        "until", "catch_up", "from", "to", "dry_run", "limit", "offset"};

    private final Random random;
    private final int port;
    private final long knownRun;
    final String fullToken;
    private final String readOnlyToken;

    Requests(Random random, int port, long knownRun, String fullToken, String readOnlyToken) {
      this.random = random;
      this.port = port;
      this.knownRun = knownRun;
      this.fullToken = fullToken;
      this.readOnlyToken = readOnlyToken;
    }

    /**
     * One request: its bytes, a readable summary, whether its request line is broken (the server
     * may close without answering) and whether it is a HEAD (answered without a body).
     */
    record Fuzzed(byte[] bytes, String summary, boolean brokenRequestLine, boolean head) {}

    Fuzzed next() {
      int kind = random.nextInt(100);
      if (kind < 4) {
        return garbageRequestLine();
      }
      String[] route = pick(ROUTES).split(" ");
      String method = kind < 80 ? route[0] : kind < 90 ? pick(new String[] {"GET", "POST"}) : pick(METHODS);
      RawHttp.Request r = RawHttp.request(method, target(route[1]));
      headers(r);
      if (random.nextInt(10) < 8 || method.equals("POST")) {
        r.body(body());
      }
      byte[] bytes = rawHeaderJunk(r);
      return new Fuzzed(bytes, r.summary(), method.length() > 100, method.equals("HEAD"));
    }

    /**
     * Bytes that are not a request line at all; the server may close without an answer. Each is
     * complete: a request that stops halfway is AdminApiSecurityTest's stalled-client test.
     */
    private Fuzzed garbageRequestLine() {
      String[] lines = {"\r\n\r\nGET /health HTTP/1.1\r\nHost: localhost\r\n\r\n", "GET\r\n\r\n", "GET /health\r\n\r\n", "GET  HTTP/1.1\r\n\r\n",
          "GET /health HTTP/9.9\r\n\r\n", "GET /api/v1/%zz HTTP/1.1\r\nHost: localhost\r\n\r\n",
          "GET /a b c HTTP/1.1\r\n\r\n", "\u0000\u0001\u0002\r\n\r\n", "GET /" + "a".repeat(100_000)
              + " HTTP/1.1\r\nHost: localhost\r\n\r\n", "POST /api/v1/reload HTTP/1.1\r\n"
              + "Host: localhost\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n"
              + "Connection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"};
      String line = pick(lines);
      return new Fuzzed(line.getBytes(StandardCharsets.ISO_8859_1),
          "raw " + abbreviate(line.replace("\r\n", "\\r\\n")), true, false);
    }

    private String target(String route) {
      int k = random.nextInt(100);
      String path;
      if (k < 70) {
        path = route.replace("{id}", route.startsWith("/api/v1/runs/")
            ? pickId(Long.toString(knownRun)) : pickId(WORKFLOW));
      } else if (k < 80) {
        path = "/api/v1/" + randomSegment() + (random.nextBoolean() ? "/" + randomSegment() : "");
      } else if (k < 85) {
        path = "/api/v1/workflows/" + "x".repeat(1 + random.nextInt(20_000));
      } else if (k < 90) {
        path = "/api/v1/runs/" + (random.nextBoolean() ? "-" : "") + random.nextLong() + "/log";
      } else if (k < 95) {
        path = "/api/v1" + "/..".repeat(random.nextInt(5)) + "/workflows//" + pickId(WORKFLOW) + "//trigger";
      } else {
        path = "/api/v1/workflows/" + pickId(WORKFLOW) + "/trigger/extra";
      }
      if (random.nextInt(3) == 0) {
        StringBuilder q = new StringBuilder("?");
        for (int i = random.nextInt(3); i >= 0; i--) {
          q.append(pick(QUERIES)).append(i > 0 ? "&" : "");
        }
        path += q;
      }
      return path;
    }

    private String pickId(String valid) {
      return random.nextInt(3) == 0 ? valid : pick(JUNK_IDS);
    }

    /** Percent-escapes, some valid, some not; the JDK rejects the invalid ones before us. */
    private String randomSegment() {
      StringBuilder sb = new StringBuilder();
      for (int i = random.nextInt(40); i >= 0; i--) {
        int c = random.nextInt(6);
        switch (c) {
          case 0 -> sb.append('%').append(String.format("%02X", random.nextInt(256)));
          case 1 -> sb.append("%").append((char) ('g' + random.nextInt(10)));
          case 2 -> sb.append((char) ('a' + random.nextInt(26)));
          case 3 -> sb.append(random.nextInt(10));
          case 4 -> sb.append(pick(new String[] {"-", "_", ".", "~", "!", "$", "'", "(", "*", "+", ",", ";", "=", ":", "@"}));
          default -> sb.append("%25");
        }
      }
      return sb.toString();
    }

    private void headers(RawHttp.Request r) {
      int auth = random.nextInt(100);
      if (auth < 75) {
        r.bearer(fullToken);
      } else if (auth < 85) {
        r.bearer(readOnlyToken);
      } else if (auth < 90) {
        r.header("Authorization", "Bearer " + "A".repeat(random.nextInt(20_000)));
      } else if (auth < 93) {
        r.header("Authorization", "Bearer");
      } else if (auth < 95) {
        r.bearer(fullToken).bearer(readOnlyToken);
      }
      int host = random.nextInt(100);
      if (host < 3) {
        r.withoutHost();
      } else if (host < 7) {
        r.header("Host", pick(HOSTS));
      } else if (host < 9) {
        r.header("Host", "localhost").header("Host", "localhost");
      } else if (host < 10) {
        r.header("Host", "localhost:" + port + "x".repeat(10_000));
      }
      int type = random.nextInt(100);
      if (type < 80) {
        r.header("Content-Type", "application/json");
      } else if (type < 95) {
        r.header("Content-Type", pick(TYPES));
      }
      if (random.nextInt(25) == 0) {
        r.header("X-Huge", "v".repeat(50_000 + random.nextInt(50_000)));
      }
      if (random.nextInt(25) == 0) {
        for (int i = random.nextInt(150); i >= 0; i--) {
          r.header("X-Many-" + i, Integer.toString(i));
        }
      }
      if (random.nextInt(30) == 0) {
        r.header("Accept", "\u00ff\u00fe");
      }
    }

    /** Header-level damage applied to the bytes: duplicate or wrong Content-Length, junk lines. */
    private byte[] rawHeaderJunk(RawHttp.Request r) {
      int k = random.nextInt(100);
      if (k < 3) {
        r.withoutContentLength();
      } else if (k < 6) {
        // Two Content-Length headers; the server must not wait for the larger one.
        byte[] body = body();
        r.body(body).header("Content-Length", Integer.toString(body.length))
            .header("Content-Length", Integer.toString(body.length + 1 + random.nextInt(1000)));
      } else if (k < 8) {
        r.header("Content-Length", pick(new String[] {"-1", "abc", "99999999999999999999", "1.5"}));
      } else if (k < 10) {
        // A declared length over every route's cap (bulk import allows 16 MiB) must be refused
        // before the server waits for a body that never comes.
        r.header("Content-Length", Integer.toString(17 * 1024 * 1024 + random.nextInt(1 << 24)));
      }
      return r.bytes(port);
    }

    private byte[] body() {
      int k = random.nextInt(100);
      String s;
      if (k < 40) {
        s = objectWithWrongTypes();
      } else if (k < 50) {
        s = invalidJson();
      } else if (k < 55) {
        int depth = 10_000;
        s = random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
            : "{\"params\":".repeat(depth) + "{}" + "}".repeat(depth);
      } else if (k < 62) {
        // Long strings in the fields that are stored: under the 64 KiB cap, over every column.
        s = "{\"" + pick(FIELDS) + "\": \"" + "s".repeat(random.nextInt(60_000)) + "\"}";
      } else if (k < 66) {
        s = "{\"params\": {\"day\": \"" + "d".repeat(random.nextInt(60_000)) + "\"}}";
      } else if (k < 70) {
        s = "\"" + "x".repeat(65_536 + random.nextInt(50_000)) + "\"";
      } else if (k < 75) {
        byte[] b = new byte[random.nextInt(2000)];
        random.nextBytes(b);
        return b;
      } else if (k < 80) {
        s = pick(new String[] {"", "null", "[]", "1", "\"x\"", "true", "{}", "{} {}", "{\"a\":1}x"});
      } else {
        s = validish();
      }
      return s.getBytes(StandardCharsets.UTF_8);
    }

    /** An object whose fields the routes read hold the wrong kind of value. */
    private String objectWithWrongTypes() {
      StringBuilder sb = new StringBuilder("{");
      for (int i = random.nextInt(5); i >= 0; i--) {
        sb.append('"').append(pick(FIELDS)).append("\": ").append(wrongValue()).append(i > 0 ? ", " : "");
      }
      return sb.append('}').toString();
    }

    private String wrongValue() {
      return pick(new String[] {"null", "true", "false", "0", "-5", "1.5e308", "1e999", "-0",
          "123456789012345678901234567890", "[]", "[1,2]", "{}", "{\"day\": {}}", "{\"day\": [1]}",
          "{\"day\": null}", "{\"nope\": \"x\"}", "{\"day\": 1}", "\"\"", "\" \"", "\"abc\"",
          "\"tomorrow\"", "\"-1s\"", "\"0s\"", "\"99999999999999999999d\"", "\"9223372036854775807s\"",
          "\"1d9223372036854775807s\"", "\"106751991167300d\"", "\"2020-01-01T00:00:00Z\"",
          "\"+1000000000-12-31T23:59:59.999999999Z\"", "\"-1000000000-01-01T00:00:00Z\"",
          "\"2030-02-30T00:00:00Z\"", "\"1970-01-01T00:00:00Z\"", "\"unknown\"", "\"ALL\"", "\"once\"",
          "\"skip\"", "\"\\u0000\"", "\"\\ud800\"", "\"" + "r".repeat(3000) + "\"",
          "\"" + "k".repeat(300) + "\"", "\"line\\nbreak\""});
    }

    /** Mostly right, one field off: the requests that reach deepest into the handlers. */
    private String validish() {
      return pick(new String[] {
          "{\"params\": {\"day\": \"monday\"}, \"requested_by\": \"fuzz\"}",
          "{\"params\": {\"night\": \"x\"}}",
          "{\"params\": {\"day\": \"a\\u0000b\"}}",
          "{\"requested_by\": \"a\\u0000b\", \"reason\": \"\\u0000\", \"until\": \"1h\"}",
          "{\"idempotency_key\": \"k\\u0000\"}",
          "{\"params\": {\"day\": \"$(id); `id` && echo owned > x \\n -x *\"}}",
          "{\"idempotency_key\": \"" + random.nextInt(5) + "\"}",
          "{\"idempotency_key\": \"" + "i".repeat(240 + random.nextInt(100)) + "\"}",
          "{\"requested_by\": \"" + "b".repeat(190 + random.nextInt(40)) + "\"}",
          "{\"reason\": \"" + "why ".repeat(400 + random.nextInt(200)) + "\", \"until\": \"1h\"}",
          "{\"until\": \"" + (random.nextInt(100_000)) + "d\"}",
          "{\"until\": \"2h\", \"reason\": \"maintenance\"}",
          "{\"catch_up\": \"" + pick(new String[] {"skip", "once", "all", "some", ""}) + "\"}",
          "{\"from\": \"" + random.nextInt(1000) + "d\", \"to\": \"" + random.nextInt(3) + "d\", \"dry_run\": "
              + random.nextBoolean() + "}",
          "{\"from\": \"2020-01-01T00:00:00Z\", \"to\": \"2020-01-01T00:00:00Z\"}",
          "{\"from\": \"-1000000000-01-01T00:00:00Z\", \"to\": \"1d\", \"dry_run\": true}",
          "{\"from\": \"1d\", \"to\": \"+1000000000-12-31T23:59:59Z\"}",
          "{\"from\": \"0001-01-01T00:00:00Z\", \"to\": \"1970-01-01T00:00:00Z\", \"dry_run\": true}",
          "{\"dry_run\": \"yes\", \"from\": \"1d\", \"to\": \"0s\"}"});
    }

    private String invalidJson() {
      return pick(new String[] {"{", "}", "{\"a\"", "{\"a\":}", "{'a': 1}", "{a: 1}", "[1,]",
          "{\"a\": 1,}", "{\"a\": tru}", "{\"a\": \"\\x\"}", "{\"a\": \"unterminated}", "\u00ff\u00fe{}",
          "{\"a\": 01}", "{\"a\": NaN}", "{\"a\": Infinity}", "{\"a\": 1} trailing", "/* c */ {}",
          "{\"a\":\"\u0001\"}", "{\"" + "k".repeat(70_000) + "\": 1}", "1".repeat(100)});
    }

    private String pick(String[] values) {
      return values[random.nextInt(values.length)];
    }
  }
}
