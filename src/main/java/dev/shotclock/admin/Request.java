package dev.shotclock.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/** One API request, parsed: path parameters, query parameters, and the JSON body (if any). */
record Request(String method, Matcher path, Map<String, String> query, JsonNode body) {

  /** Names, keys and choices: {@code requested_by} is stored in 200-character columns. */
  static final int MAX_SHORT_TEXT = 200;
  /** Free text such as a pause reason: stored in 2000-character columns. */
  static final int MAX_LONG_TEXT = 2000;

  private static final java.util.regex.Pattern INTEGER = java.util.regex.Pattern.compile("-?[0-9]+");

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
    return withoutNul("query parameter " + name, query.get(name));
  }

  /**
   * Text that goes on to the store must not hold NUL: PostgreSQL refuses it in any text value, so
   * it would come back as a store error (500) instead of a bad request.
   */
  private static String withoutNul(String what, String value) {
    if (value != null && value.indexOf('\0') >= 0) {
      throw ApiException.badRequest(what + " contains a NUL character", List.of());
    }
    return value;
  }

  /**
   * A whole-number query parameter within [min, max], or the default when absent. Only ASCII
   * digits with an optional minus sign: {@link Integer#parseInt} alone would also take {@code +5}
   * and digits of other scripts.
   */
  int intParam(String name, int defaultValue, int min, int max) {
    String v = query.get(name);
    if (v == null) {
      return defaultValue;
    }
    if (!INTEGER.matcher(v).matches()) {
      throw ApiException.badRequest("query parameter " + name + " must be a whole number: " + v, List.of());
    }
    int n;
    try {
      n = Integer.parseInt(v);
    } catch (NumberFormatException e) { // digits only, so: beyond the range of an int
      throw outOfRange(name, min, max, v);
    }
    if (n < min || n > max) {
      throw outOfRange(name, min, max, v);
    }
    return n;
  }

  private static ApiException outOfRange(String name, int min, int max, String value) {
    return ApiException.badRequest("query parameter " + name + " must be between " + min + " and "
        + max + ": " + value, List.of());
  }

  /** A boolean field of the JSON body; absent or null = false, anything but true/false is a bad request. */
  boolean bodyBoolean(String field) {
    JsonNode n = body == null ? null : body.get(field);
    if (n == null || n.isNull()) {
      return false;
    }
    if (!n.isBoolean()) {
      throw ApiException.badRequest("field " + field + " must be true or false", List.of());
    }
    return n.asBoolean();
  }

  boolean flag(String name) {
    return "true".equalsIgnoreCase(query.get(name)) || "1".equals(query.get(name));
  }

  /**
   * A short string field of the JSON body (a name, a key, a time, a choice), or null: at most
   * {@link #MAX_SHORT_TEXT} characters, the width of the store's name columns.
   */
  String bodyString(String field) {
    return bodyString(field, MAX_SHORT_TEXT);
  }

  /** A string field of the JSON body, or null; longer than {@code maxLength} is a bad request. */
  String bodyString(String field, int maxLength) {
    JsonNode n = body == null ? null : body.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isValueNode()) {
      throw ApiException.badRequest("field " + field + " must be a string", List.of());
    }
    String text = withoutNul("field " + field, n.asText());
    if (text.length() > maxLength) {
      throw ApiException.badRequest("field " + field + " is longer than " + maxLength
          + " characters (" + text.length() + ")", List.of());
    }
    return text;
  }
}
