package dev.shotclock.admin.web;

import dev.shotclock.admin.AdminTokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Dashboard sessions, in memory: a random id in an HttpOnly cookie maps to the role of the token
 * that logged in, so the token itself never sits in the browser. Each session has its own CSRF
 * token, which the page's script sends back in a header on every POST. A daemon restart ends all
 * sessions (log in again), which is the safe side.
 */
final class WebSessions {

  /** The dashboard's cookie. */
  static final String COOKIE = "shotclock_session";
  static final Duration IDLE = Duration.ofHours(8);
  static final Duration MAX_AGE = Duration.ofDays(7);
  /** Beyond this many sessions the least recently used is dropped: logins cannot fill the heap. */
  static final int MAX_SESSIONS = 256;

  /** A logged-in browser. */
  record Session(String id, AdminTokens.Access access, String csrf, Instant createdAt, Instant lastSeen) {
    boolean canAct() {
      return access == AdminTokens.Access.FULL;
    }

    /** Constant-time, like the bearer token check. */
    boolean csrfMatches(String presented) {
      return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
          csrf.getBytes(StandardCharsets.UTF_8));
    }
  }

  private final AdminTokens tokens;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> sessions = new LinkedHashMap<>();

  WebSessions(AdminTokens tokens, Clock clock) {
    this.tokens = tokens;
    this.clock = clock;
  }

  /** A new session for a valid token; empty for a wrong one. */
  synchronized Optional<Session> login(String token) {
    AdminTokens.Access access = tokens.check(token == null ? null : token.trim());
    if (access == AdminTokens.Access.NONE) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    sessions.values().removeIf(s -> expired(s, now));
    while (sessions.size() >= MAX_SESSIONS) {
      sessions.values().stream().min(Comparator.comparing(Session::lastSeen))
          .ifPresent(oldest -> sessions.remove(oldest.id()));
    }
    Session s = new Session(randomId(), access, randomId(), now, now);
    sessions.put(s.id(), s);
    return Optional.of(s);
  }

  /** The live session of a cookie value, touched; empty when unknown or expired. */
  synchronized Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Session s = sessions.get(id);
    Instant now = clock.instant();
    if (s == null || expired(s, now)) {
      if (s != null) {
        sessions.remove(id);
      }
      return Optional.empty();
    }
    Session touched = new Session(s.id(), s.access(), s.csrf(), s.createdAt(), now);
    sessions.put(id, touched);
    return Optional.of(touched);
  }

  synchronized void logout(String id) {
    sessions.remove(id);
  }

  private static boolean expired(Session s, Instant now) {
    return now.isAfter(s.lastSeen().plus(IDLE)) || now.isAfter(s.createdAt().plus(MAX_AGE));
  }

  private String randomId() {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  /** The session cookie: HttpOnly (no script reads it), SameSite=Strict (no cross-site request carries it). */
  static String cookie(String id) {
    return COOKIE + "=" + id + "; HttpOnly; SameSite=Strict; Path=/";
  }

  static String expiredCookie() {
    return COOKIE + "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0";
  }

  /** The session id from a Cookie header, or null. */
  static String idFrom(String cookieHeader) {
    if (cookieHeader == null) {
      return null;
    }
    for (String part : cookieHeader.split(";")) {
      String p = part.trim();
      if (p.startsWith(COOKIE + "=")) {
        return p.substring(COOKIE.length() + 1);
      }
    }
    return null;
  }
}
