package dev.shotclock.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/** One API request, parsed: path parameters, query parameters, and the JSON body (if any). */
record Request(String method, Matcher path, Map<String, String> query, JsonNode body) {

  String pathParam(int group) {
    return path.group(group);
  }

  long pathId(int group, String what) {
    try {
      return Long.parseLong(path.group(group));
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(what + " id must be a number: " + path.group(group), List.of());
    }
  }

  String queryParam(String name) {
    return query.get(name);
  }

  int intParam(String name, int defaultValue, int min, int max) {
    String v = query.get(name);
    if (v == null) {
      return defaultValue;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw ApiException.badRequest("query parameter " + name + " must be between " + min
            + " and " + max + ": " + v, List.of());
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("query parameter " + name + " must be a number: " + v, List.of());
    }
  }

  boolean flag(String name) {
    return "true".equalsIgnoreCase(query.get(name)) || "1".equals(query.get(name));
  }

  /** A string field of the JSON body, or null. */
  String bodyString(String field) {
    JsonNode n = body == null ? null : body.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isValueNode()) {
      throw ApiException.badRequest("field " + field + " must be a string", List.of());
    }
    return n.asText();
  }
}
