package dev.shotclock.admin.web;

import dev.shotclock.admin.ApiException;
import java.util.List;

/** Query parameters of the dashboard's pages, checked like the API checks its own. */
final class Params {

  private Params() {}

  /** A positive id (keyset cursor, run id), or null when absent. */
  static Long id(WebRequest req, String name) {
    String v = req.param(name);
    if (v == null) {
      return null;
    }
    try {
      long n = Long.parseLong(v);
      if (n < 1) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + " must be a positive number: " + v, List.of());
    }
  }

  static int offset(WebRequest req) {
    Long v = req.param("offset") == null ? 0L : parseNonNegative(req.param("offset"));
    return (int) Math.min(v, Integer.MAX_VALUE);
  }

  private static long parseNonNegative(String v) {
    try {
      long n = Long.parseLong(v);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("offset must be a number from 0: " + v, List.of());
    }
  }

  /** A path segment: workflow ids are percent-decoded by the server before they get here. */
  static long pathId(String segment, String what) {
    try {
      return Long.parseLong(segment);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(what + " id must be a number: " + segment, List.of());
    }
  }
}
