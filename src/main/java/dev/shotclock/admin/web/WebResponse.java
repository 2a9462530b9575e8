package dev.shotclock.admin.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the dashboard answers; the admin server adds the security headers to every one. */
public record WebResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

  /**
   * The dashboard's Content-Security-Policy: only its own script and style files, no inline code
   * and no framing, so escaped-but-missed markup still cannot run.
   */
  public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self';"
      + " img-src 'self' data:; frame-ancestors 'none'";

  public WebResponse {
    headers = Map.copyOf(headers);
  }

  static WebResponse html(int status, String html) {
    return new WebResponse(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  static WebResponse json(int status, byte[] json) {
    return new WebResponse(status, "application/json; charset=utf-8", json, Map.of());
  }

  /** 303: after a POST the browser follows with a GET. */
  static WebResponse redirect(String location) {
    return new WebResponse(303, "text/plain; charset=utf-8", new byte[0], Map.of("Location", location));
  }

  /** The same answer with a {@code Server-Timing} header. */
  public WebResponse withServerTiming(String timing) {
    return withHeader("Server-Timing", timing);
  }

  WebResponse withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new WebResponse(status, contentType, body, h);
  }
}
