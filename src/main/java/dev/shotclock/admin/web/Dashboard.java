package dev.shotclock.admin.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shotclock.admin.AdminTokens;
import dev.shotclock.admin.ApiException;
import dev.shotclock.admin.Json;
import dev.shotclock.admin.Operations;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web dashboard on the admin port: server-rendered pages over the same {@link Operations} as
 * the JSON API. The admin server has checked the Host header; this class does the rest of the
 * gate. Pages need a session (the cookie set at login); actions need a session of the full token,
 * the session's CSRF token in {@code X-CSRF-Token}, a JSON body, and no foreign Origin.
 */
public final class Dashboard {

  private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
  static final String CSRF_HEADER = "X-CSRF-Token";
  private static final int LOG_CHUNK = 64 * 1024;

  /** Who may call a route, and how it answers when they may not. */
  enum Kind {
    /** No session: the login page, the static files, the redirect from /. */
    PUBLIC("public"),
    /** The login form's POST: a token in, a cookie out. */
    LOGIN("login"),
    /** An HTML page: without a session, a redirect to the login page. */
    PAGE("session"),
    /** JSON for the page's script: without a session, 401. */
    DATA("session"),
    /** Logout: any session, with its CSRF token. */
    LOGOUT("csrf"),
    /** A change: a full-token session, its CSRF token, a JSON body. */
    ACTION("action");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  @FunctionalInterface
  interface Handler {
    WebResponse handle(Call call);
  }

  /** A request that passed the gate, with its session (null for public routes). */
  record Call(WebRequest request, Matcher path, WebSessions.Session session, JsonNode body) {
    String pathParam(int group) {
      return path.group(group);
    }

    String bodyString(String field) {
      JsonNode n = body == null ? null : body.get(field);
      if (n == null || n.isNull()) {
        return null;
      }
      if (!n.isValueNode()) {
        throw ApiException.badRequest("field " + field + " must be a string", List.of());
      }
      String s = n.asText();
      if (s.indexOf('\0') >= 0 || s.length() > 2000) {
        throw ApiException.badRequest("field " + field + " must be at most 2000 characters, without NUL", List.of());
      }
      return s.isBlank() ? null : s;
    }
  }

  private record Route(String method, String template, Pattern pattern, Kind kind, Handler handler) {}

  private final List<Route> routes = new ArrayList<>();
  private final Operations ops;
  private final WebSessions sessions;
  private final Clock clock;
  private final ObjectMapper json = Json.mapper();
  private final Map<String, WebResponse> assets = new LinkedHashMap<>();

  public Dashboard(Operations ops, AdminTokens tokens, Clock clock) {
    this.ops = ops;
    this.sessions = new WebSessions(tokens, clock);
    this.clock = clock;
    asset("dashboard.js", "text/javascript; charset=utf-8");
    asset("dashboard.css", "text/css; charset=utf-8");
    registerRoutes();
  }

  private void registerRoutes() {
    OverviewPage overview = new OverviewPage(ops);
    WorkflowsPage workflows = new WorkflowsPage(ops);
    WorkflowPage workflow = new WorkflowPage(ops, clock);
    RunPage run = new RunPage(ops, clock);
    QueuePage queue = new QueuePage(ops);
    EventsPage events = new EventsPage(ops);
    Actions actions = new Actions(ops, json, clock);

    route("GET", "/", Kind.PUBLIC, c -> WebResponse.redirect("/ui/"));
    route("GET", "/ui", Kind.PUBLIC, c -> WebResponse.redirect("/ui/"));
    route("GET", "/ui/login", Kind.PUBLIC, c -> WebResponse.html(200, LoginPage.render(null)));
    route("POST", "/ui/login", Kind.LOGIN, this::login);
    route("GET", "/ui/assets/{id}", Kind.PUBLIC, this::asset);
    route("POST", "/ui/logout", Kind.LOGOUT, this::logout);
    route("GET", "/ui/", Kind.PAGE, c -> page(overview.render(c.session())));
    route("GET", "/ui/workflows", Kind.PAGE, c -> page(workflows.render(c.request(), c.session())));
    route("GET", "/ui/workflows/{id}", Kind.PAGE,
        c -> page(workflow.render(c.pathParam(1), c.request(), c.session())));
    route("GET", "/ui/runs/{id}", Kind.PAGE,
        c -> page(run.render(Params.pathId(c.pathParam(1), "run"), c.session())));
    route("GET", "/ui/runs/{id}/log", Kind.DATA, this::logChunk);
    route("GET", "/ui/queue", Kind.PAGE, c -> page(queue.render(c.request(), c.session())));
    route("GET", "/ui/events", Kind.PAGE, c -> page(events.render(c.request(), c.session())));
    route("POST", "/ui/api/workflows/{id}/trigger", Kind.ACTION, actions::trigger);
    route("POST", "/ui/api/workflows/{id}/pause", Kind.ACTION, actions::pause);
    route("POST", "/ui/api/workflows/{id}/resume", Kind.ACTION, actions::resume);
    route("POST", "/ui/api/pause", Kind.ACTION, actions::pauseAll);
    route("POST", "/ui/api/resume", Kind.ACTION, actions::resumeAll);
    route("POST", "/ui/api/runs/{id}/cancel", Kind.ACTION, actions::cancel);
    route("POST", "/ui/api/runs/{id}/retry", Kind.ACTION, actions::retry);
    route("POST", "/ui/api/tasks/{id}/requeue", Kind.ACTION, actions::requeue);
    route("POST", "/ui/api/tasks/{id}/cancel", Kind.ACTION, actions::cancelTask);
  }

  private void route(String method, String template, Kind kind, Handler handler) {
    routes.add(new Route(method, template, Pattern.compile(template.replace("{id}", "([^/]+)")), kind, handler));
  }

  /** Whether a path belongs to the dashboard rather than the JSON API. */
  public static boolean owns(String path) {
    return path.equals("/") || path.equals("/ui") || path.startsWith("/ui/");
  }

  /** {@code METHOD /path kind} lines, for the security tests that walk every route. */
  public List<String> routeTable() {
    return routes.stream().map(r -> r.method() + " " + r.template() + " " + r.kind().label).toList();
  }

  /** Answers one request; never throws. */
  public WebResponse handle(WebRequest req) {
    boolean wantsJson = true;
    try {
      boolean pathKnown = false;
      for (Route route : routes) {
        Matcher m = route.pattern().matcher(req.path());
        if (!m.matches()) {
          continue;
        }
        pathKnown = true;
        if (!route.method().equals(req.method())) {
          continue;
        }
        wantsJson = route.kind() != Kind.PAGE && route.kind() != Kind.PUBLIC && route.kind() != Kind.LOGIN;
        return gate(route, m, req);
      }
      wantsJson = req.method().equals("POST");
      if (pathKnown) {
        throw new ApiException(405, "method " + req.method() + " not allowed on " + req.path(), List.of());
      }
      throw new ApiException(404, "no page " + req.path(), List.of());
    } catch (ApiException e) {
      return error(e.status(), e.getMessage(), e.details(), wantsJson);
    } catch (RuntimeException e) {
      LOG.error("dashboard {} {} failed", req.method(), req.path(), e);
      return error(500, "internal error: " + e.getClass().getSimpleName(), List.of(), wantsJson);
    }
  }

  private WebResponse gate(Route route, Matcher m, WebRequest req) {
    if (route.kind() == Kind.PUBLIC) {
      return route.handler().handle(new Call(req, m, null, null));
    }
    if (route.kind() == Kind.LOGIN) {
      checkOrigin(req);
      return route.handler().handle(new Call(req, m, null, null));
    }
    Optional<WebSessions.Session> session = sessions.find(WebSessions.idFrom(req.header("Cookie")));
    if (session.isEmpty()) {
      if (route.kind() == Kind.PAGE) {
        return WebResponse.redirect("/ui/login");
      }
      throw new ApiException(401, "not logged in (or the session expired): log in at /ui/login", List.of());
    }
    WebSessions.Session s = session.get();
    if (route.kind() == Kind.PAGE || route.kind() == Kind.DATA) {
      return route.handler().handle(new Call(req, m, s, null));
    }
    // LOGOUT and ACTION: a POST, which a cross-site page must not be able to make on our behalf.
    checkOrigin(req);
    if (route.kind() == Kind.ACTION && !s.canAct()) {
      throw new ApiException(403, "this session logged in with the read-only token and cannot change anything", List.of());
    }
    if (!s.csrfMatches(req.header(CSRF_HEADER))) {
      throw new ApiException(403, "missing or wrong " + CSRF_HEADER + " header (reload the page)", List.of());
    }
    JsonNode body = jsonBody(req);
    WebResponse r;
    try {
      r = route.handler().handle(new Call(req, m, s, body));
    } catch (ApiException e) {
      audit(route, req, s, e.status());
      throw e;
    }
    audit(route, req, s, r.status());
    return r;
  }

  private void audit(Route route, WebRequest req, WebSessions.Session s, int status) {
    if (route.kind() != Kind.ACTION) {
      return;
    }
    try {
      ops.audit(Actions.REQUESTED_BY + " (admin token session)", req.method() + " " + req.path(), status);
    } catch (RuntimeException e) {
      LOG.warn("could not write the audit entry of {} {}: {}", req.method(), req.path(), e.toString());
    }
  }

  /**
   * A browser says where a POST comes from; one from another origin is refused even if it got
   * past SameSite (an old browser, or another service on a loopback port, which is "same-site").
   * Under our {@code Referrer-Policy: no-referrer} Chrome sends {@code Origin: null} for our own
   * forms and fetches, so "null" is accepted only with {@code Sec-Fetch-Site: same-origin}.
   * Requests without these headers (curl) are judged by the rest of the gate.
   */
  private static void checkOrigin(WebRequest req) {
    String site = req.header("Sec-Fetch-Site");
    if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
      throw new ApiException(403, site + " request refused", List.of());
    }
    String origin = req.header("Origin");
    if (origin == null || origin.equals("null") && "same-origin".equalsIgnoreCase(site)) {
      return;
    }
    String host = req.header("Host");
    String originHost;
    try {
      originHost = URI.create(origin).getRawAuthority();
    } catch (IllegalArgumentException e) {
      originHost = null;
    }
    if (originHost == null || host == null || !originHost.equalsIgnoreCase(host)) {
      throw new ApiException(403, "Origin " + origin + " is not this dashboard", List.of());
    }
  }

  private JsonNode jsonBody(WebRequest req) {
    String type = req.header("Content-Type");
    String media = type == null ? "" : type.split(";", 2)[0].trim();
    if (!media.equalsIgnoreCase("application/json")) {
      throw new ApiException(415, "Content-Type must be application/json", List.of());
    }
    if (req.body().length == 0) {
      return json.createObjectNode();
    }
    try {
      JsonNode node = json.readTree(req.body());
      if (node == null || !node.isObject()) {
        throw ApiException.badRequest("request body must be a JSON object", List.of());
      }
      return node;
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("request body is not valid JSON: " + e.getOriginalMessage(), List.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private WebResponse login(Call c) {
    String type = c.request().header("Content-Type");
    if (type == null || !type.split(";", 2)[0].trim().equalsIgnoreCase("application/x-www-form-urlencoded")) {
      throw new ApiException(415, "the login form posts application/x-www-form-urlencoded", List.of());
    }
    String token = null;
    for (String pair : new String(c.request().body(), StandardCharsets.UTF_8).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals("token")) {
        token = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    Optional<WebSessions.Session> s = sessions.login(token);
    if (s.isEmpty()) {
      return WebResponse.html(401, LoginPage.render("That is not a valid token."));
    }
    return WebResponse.redirect("/ui/").withHeader("Set-Cookie", WebSessions.cookie(s.get().id()));
  }

  private WebResponse logout(Call c) {
    sessions.logout(c.session().id());
    return json(200, Map.of("logged_out", true)).withHeader("Set-Cookie", WebSessions.expiredCookie());
  }

  private WebResponse logChunk(Call c) {
    long runId = Params.pathId(c.pathParam(1), "run");
    String offset = c.request().param("offset");
    long from;
    try {
      from = offset == null ? 0 : Long.parseLong(offset);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("offset must be a number: " + offset, List.of());
    }
    if (from < 0) {
      throw ApiException.badRequest("offset must be 0 or more: " + offset, List.of());
    }
    return json(200, ops.log(runId, from, LOG_CHUNK));
  }

  private static WebResponse page(String html) {
    return WebResponse.html(200, html);
  }

  WebResponse json(int status, Object body) {
    try {
      return WebResponse.json(status, json.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the answer", e);
    }
  }

  private WebResponse error(int status, String message, List<String> details, boolean asJson) {
    if (asJson) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("error", message);
      body.put("details", details);
      return json(status, body);
    }
    Html h = new Html();
    h.el("h1", "Error " + status).el("p", message, "class", "flash error", "id", "error");
    details.forEach(d -> h.el("p", d, "class", "muted"));
    h.link("/ui/", "back to the overview");
    return WebResponse.html(status, Layout.bare("Error " + status, h));
  }

  private WebResponse asset(Call c) {
    WebResponse a = assets.get(c.pathParam(1));
    if (a == null) {
      throw ApiException.notFound("asset " + c.pathParam(1));
    }
    return a;
  }

  private void asset(String name, String type) {
    try (InputStream in = Dashboard.class.getResourceAsStream("/web/" + name)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks web/" + name);
      }
      assets.put(name, new WebResponse(200, type, in.readAllBytes(), Map.of()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
