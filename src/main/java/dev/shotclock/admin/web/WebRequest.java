package dev.shotclock.admin.web;

import java.util.List;
import java.util.Map;

/**
 * A request to the dashboard as the admin server received it (Host already checked).
 *
 * @param headers as received; names are matched without regard to case
 * @param body the body of a POST (the admin server caps it), empty otherwise
 */
public record WebRequest(String method, String path, Map<String, String> query,
    Map<String, List<String>> headers, byte[] body) {

  public WebRequest {
    query = Map.copyOf(query);
    body = body == null ? new byte[0] : body;
  }

  /** The only value of a header, or null (absent or given more than once). */
  String header(String name) {
    List<String> values = null;
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
        values = e.getValue();
      }
    }
    return values != null && values.size() == 1 ? values.get(0) : null;
  }

  String param(String name) {
    String v = query.get(name);
    return v == null || v.isBlank() ? null : v;
  }
}
