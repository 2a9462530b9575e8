package dev.shotclock.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.shotclock.admin.web.Dashboard;
import dev.shotclock.admin.web.WebRequest;
import dev.shotclock.admin.web.WebResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP API on the JDK's HTTP server, bound to loopback only. Every request passes the
 * same gate: Host must be a loopback name (DNS rebinding), a bearer token is needed except for
 * {@code GET /health}, the read-only token allows GETs only, and a mutating request must carry a
 * JSON content type (a browser form cannot). Errors are JSON; nothing answers 500 to bad input.
 * The web dashboard ({@code /} and {@code /ui/...}) passes the same Host check, then its own
 * cookie-session gate in {@link Dashboard}.
 */
public final class AdminServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
  static final String PORT_FILE = "admin.port";
  private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  /** Seconds a client may take to send a whole request (line, headers, body); see {@link #start}. */
  static final String MAX_REQUEST_SECONDS = "10";
  private static final String MAX_REQUEST_TIME_PROPERTY = "sun.net.httpserver.maxReqTime";

  /** A route handler; returns the body to send as JSON, or a {@link Response}. */
  @FunctionalInterface
  interface Handler {
    Object handle(Request request);
  }

  /** A body with an explicit status (202, 503). */
  record Response(int status, Object body) {}

  /** A body that is not JSON (the Prometheus exposition). */
  record Text(String contentType, String body) {}

  private record Route(String method, String template, Pattern path, Handler handler, boolean open,
      int maxBody) {}

  /** Bodies of bulk routes (a gaps file) may be this large. */
  static final int MAX_BULK_BODY_BYTES = 16 * 1024 * 1024;

  private final List<Route> routes = new ArrayList<>();
  private final AdminTokens tokens;
  private final Operations ops;
  private final ObjectMapper json = Json.mapper();
  private final Dashboard dashboard;
  private final List<HttpServer> servers = new ArrayList<>();
  private final ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
    Thread t = new Thread(r, "shotclock-admin");
    t.setDaemon(true);
    return t;
  });

  public AdminServer(Operations ops, AdminTokens tokens, java.time.Clock clock, boolean metricsOpen) {
    this.tokens = tokens;
    this.ops = ops;
    new ApiRoutes(ops, clock, metricsOpen).register(this);
    this.dashboard = new Dashboard(ops, tokens, clock);
  }

  void get(String path, Handler h) {
    routes.add(new Route("GET", path, compile(path), h, false, 0));
  }

  void post(String path, Handler h) {
    routes.add(new Route("POST", path, compile(path), h, false, Json.MAX_BODY_BYTES));
  }

  /** A POST whose body may be a bulk document (up to {@link #MAX_BULK_BODY_BYTES}). */
  void postBulk(String path, Handler h) {
    routes.add(new Route("POST", path, compile(path), h, false, MAX_BULK_BODY_BYTES));
  }

  void open(String path, Handler h) {
    routes.add(new Route("GET", path, compile(path), h, true, 0));
  }

  /**
   * The route table as {@code METHOD /path/{id}} lines, in registration order ({@code open} marks
   * the routes that need no token): what the security tests walk, so a new route is never left out.
   */
  List<String> routeTable() {
    List<String> table = new ArrayList<>(routes.stream()
        .map(r -> r.method() + " " + r.template() + (r.open() ? " open" : "")).toList());
    table.addAll(dashboard.routeTable());
    return table;
  }

  private static Pattern compile(String path) {
    return Pattern.compile(path.replace("{id}", "([^/]+)"));
  }

  /**
   * Binds {@code bind}:{@code port} (0 = any free port), and the IPv6 loopback too when binding
   * 127.0.0.1; writes the port actually bound to {@code <stateDir>/admin.port}. Returns the port.
   */
  public int start(String bind, int port, Path stateDir) throws IOException {
    limitRequestTime();
    HttpServer main = listen(InetAddress.getByName(bind), port);
    int bound = main.getAddress().getPort();
    if (bind.equals("127.0.0.1")) {
      try {
        listen(InetAddress.getByName("::1"), bound);
      } catch (IOException e) {
        LOG.debug("admin API not on [::1]:{}: {}", bound, e.getMessage());
      }
    }
    writePortFile(stateDir, bound);
    LOG.info("admin API listening on {}:{}", bind, bound);
    return bound;
  }

  /**
   * The JDK server has no read timeout but this one: without it, a local client that sends "\r\n"
   * or half a header and then nothing holds one of the four admin threads forever, and four such
   * clients stop the API. It is a JVM-wide property read once, when the first HttpServer is
   * created, so it is set before that, and only if the operator has not set it.
   */
  private static void limitRequestTime() {
    if (System.getProperty(MAX_REQUEST_TIME_PROPERTY) == null) {
      System.setProperty(MAX_REQUEST_TIME_PROPERTY, MAX_REQUEST_SECONDS);
    }
  }

  private HttpServer listen(InetAddress address, int port) throws IOException {
    if (!address.isLoopbackAddress()) {
      throw new IOException("the admin API only binds loopback addresses, not " + address);
    }
    HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 64);
    server.createContext("/", this::serve);
    server.setExecutor(threads);
    server.start();
    servers.add(server);
    return server;
  }

  private static void writePortFile(Path stateDir, int port) throws IOException {
    Path tmp = Files.createTempFile(stateDir, PORT_FILE, ".tmp");
    Files.writeString(tmp, port + "\n");
    Files.move(tmp, stateDir.resolve(PORT_FILE), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /** What the audit log needs to know of a request, filled in as it is handled. */
  private static final class Audit {
    AdminTokens.Access access = AdminTokens.Access.NONE;
    String requestedBy;
  }

  private void serve(HttpExchange ex) {
    try (ex) {
      Response r;
      Audit audit = new Audit();
      try {
        r = dispatch(ex, audit);
      } catch (ApiException e) {
        r = new Response(e.status(), error(e.getMessage(), e.details()));
      } catch (RuntimeException e) {
        LOG.error("admin API {} {} failed", ex.getRequestMethod(), ex.getRequestURI(), e);
        r = new Response(500, error("internal error: " + e.getClass().getSimpleName()
            + (e.getMessage() != null ? ": " + e.getMessage() : ""), List.of()));
      }
      send(ex, r);
      if (ex.getRequestMethod().equals("POST") && audit.access == AdminTokens.Access.FULL) {
        recordAudit(ex, audit, r.status());
      }
    } catch (IOException e) {
      LOG.debug("admin API client went away: {}", e.getMessage());
    }
  }

  private void recordAudit(HttpExchange ex, Audit audit, int status) {
    try {
      ops.audit((audit.requestedBy != null ? audit.requestedBy : "unnamed client") + " (admin token)",
          ex.getRequestMethod() + " " + ex.getRequestURI(), status);
    } catch (RuntimeException e) {
      LOG.warn("could not write the audit entry of {} {}: {}", ex.getRequestMethod(), ex.getRequestURI(), e.toString());
    }
  }

  private Response dispatch(HttpExchange ex, Audit audit) throws IOException {
    checkHost(ex);
    String path = ex.getRequestURI().getPath();
    String method = ex.getRequestMethod();
    if (Dashboard.owns(path)) {
      return dashboard(ex, path, method);
    }
    boolean pathKnown = false;
    for (Route route : routes) {
      Matcher m = route.path().matcher(path);
      if (!m.matches()) {
        continue;
      }
      pathKnown = true;
      if (!route.method().equals(method)) {
        continue;
      }
      audit.access = authorize(ex, route);
      JsonNode body = route.method().equals("POST") ? readBody(ex, route.maxBody()) : null;
      if (body != null && body.hasNonNull("requested_by") && body.get("requested_by").isTextual()) {
        audit.requestedBy = body.get("requested_by").asText();
      }
      Object result = route.handler().handle(new Request(method, m, query(ex), body));
      return result instanceof Response r ? r : new Response(200, result);
    }
    if (pathKnown) {
      throw new ApiException(405, "method " + method + " not allowed on " + path, List.of());
    }
    throw new ApiException(404, "no route " + method + " " + path, List.of());
  }

  private Response dashboard(HttpExchange ex, String path, String method) throws IOException {
    byte[] body = new byte[0];
    if (method.equals("POST")) {
      checkDeclaredLength(ex, Json.MAX_BODY_BYTES);
      try (InputStream in = ex.getRequestBody()) {
        body = in.readNBytes(Json.MAX_BODY_BYTES + 1);
      }
      if (body.length > Json.MAX_BODY_BYTES) {
        throw new ApiException(413, "request body larger than " + Json.MAX_BODY_BYTES + " bytes", List.of());
      }
    }
    long start = System.nanoTime();
    WebResponse w = dashboard.handle(new WebRequest(method, path, query(ex), ex.getRequestHeaders(), body));
    // Server time, so a test (or an operator's browser tools) can tell it from network and rendering.
    String timing = String.format(java.util.Locale.ROOT, "app;dur=%.1f", (System.nanoTime() - start) / 1e6);
    return new Response(w.status(), w.withServerTiming(timing));
  }

  private static void checkHost(HttpExchange ex) {
    List<String> hosts = ex.getRequestHeaders().get("Host");
    if (hosts == null || hosts.isEmpty()) {
      throw new ApiException(403, "missing Host header", List.of());
    }
    if (hosts.size() > 1) {
      // RFC 9112 §3.2; else a loopback first Host could carry a foreign second one past the check.
      throw ApiException.badRequest("more than one Host header", List.of());
    }
    String host = hosts.get(0);
    String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
        : host.replaceFirst(":\\d+$", "");
    if (!LOOPBACK_HOSTS.contains(name.toLowerCase())) {
      throw new ApiException(403, "Host '" + host + "' is not a loopback name", List.of());
    }
  }

  private AdminTokens.Access authorize(HttpExchange ex, Route route) {
    if (route.open()) {
      return AdminTokens.Access.NONE;
    }
    String header = ex.getRequestHeaders().getFirst("Authorization");
    String token = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : null;
    AdminTokens.Access access = tokens.check(token);
    if (access == AdminTokens.Access.NONE) {
      ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
      throw new ApiException(401, "missing or wrong bearer token (see admin.token in the state"
          + " directory)", List.of());
    }
    if (access == AdminTokens.Access.READ_ONLY && !route.method().equals("GET")) {
      throw new ApiException(403, "the read-only token cannot " + route.method(), List.of());
    }
    return access;
  }

  private JsonNode readBody(HttpExchange ex, int maxBytes) throws IOException {
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    if (!isJson(type)) {
      throw new ApiException(415, "Content-Type must be application/json"
          + (type == null ? "" : ", not " + type), List.of());
    }
    checkDeclaredLength(ex, maxBytes);
    byte[] bytes;
    try (InputStream in = ex.getRequestBody()) {
      bytes = in.readNBytes(maxBytes + 1);
    } catch (IOException e) {
      // Bad chunked framing, or a body cut short: answer, in case the client is still there.
      throw ApiException.badRequest("cannot read the request body: " + e.getMessage(), List.of());
    }
    if (bytes.length > maxBytes) {
      throw new ApiException(413, "request body larger than " + maxBytes + " bytes", List.of());
    }
    if (bytes.length == 0) {
      return json.createObjectNode();
    }
    try {
      JsonNode node = json.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw ApiException.badRequest("request body must be a JSON object", List.of());
      }
      return node;
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("request body is not valid JSON: " + e.getOriginalMessage(), List.of());
    }
  }

  /** {@code application/json}, with parameters or not ({@code ; charset=utf-8}), and nothing else. */
  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String mediaType = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return mediaType.trim().equalsIgnoreCase("application/json");
  }

  /**
   * Refuses a body announced larger than the cap before reading any of it: otherwise the handler
   * thread waits for bytes a client may never send.
   */
  private static void checkDeclaredLength(HttpExchange ex, int maxBytes) {
    List<String> lengths = ex.getRequestHeaders().get("Content-Length");
    if (lengths == null || lengths.isEmpty()) {
      return;
    }
    if (lengths.size() > 1) {
      throw ApiException.badRequest("more than one Content-Length header", List.of());
    }
    long length;
    try {
      length = Long.parseLong(lengths.get(0).trim());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("Content-Length is not a number: " + lengths.get(0), List.of());
    }
    if (length > maxBytes) {
      throw new ApiException(413, "request body larger than " + maxBytes + " bytes", List.of());
    }
  }

  private static Map<String, String> query(HttpExchange ex) {
    Map<String, String> out = new LinkedHashMap<>();
    String raw = ex.getRequestURI().getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return out;
  }

  private void send(HttpExchange ex, Response r) throws IOException {
    byte[] bytes;
    int status = r.status();
    if (r.body() instanceof WebResponse w) {
      bytes = w.body();
      w.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
      ex.getResponseHeaders().set("Content-Type", w.contentType());
      ex.getResponseHeaders().set("Content-Security-Policy", WebResponse.CSP);
      ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
      ex.getResponseHeaders().set("X-Frame-Options", "DENY");
    } else if (r.body() instanceof Text t) {
      bytes = t.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", t.contentType());
    } else {
      try {
        bytes = json.writeValueAsBytes(r.body());
      } catch (JsonProcessingException e) {
        // Never a silent hang-up: a body that cannot be written is an error the client sees.
        LOG.error("admin API cannot write the answer to {} {}", ex.getRequestMethod(), ex.getRequestURI(), e);
        status = 500;
        bytes = json.writeValueAsBytes(error("internal error: cannot write the answer", List.of()));
      }
      ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    }
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    // 0 would mean "chunked" to the JDK server; an empty body (a redirect) is -1.
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  static Map<String, Object> error(String message, List<String> details) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", message);
    m.put("details", details);
    return m;
  }

  @Override
  public void close() {
    servers.forEach(s -> s.stop(0));
    threads.shutdownNow();
  }
}
