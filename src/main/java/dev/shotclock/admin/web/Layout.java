package dev.shotclock.admin.web;

/** The frame around every page: navigation, role, logout, the CSRF token for the script. */
final class Layout {

  private Layout() {}

  static String page(String title, String nav, WebSessions.Session session, Html body) {
    Html h = new Html();
    h.raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .open("meta", "name", "csrf-token", "content", session.csrf())
        .el("title", title + " · ShotClock")
        .raw("<link rel=\"stylesheet\" href=\"/ui/assets/dashboard.css\">")
        .raw("<script src=\"/ui/assets/dashboard.js\" defer></script>")
        .raw("</head><body><header><span class=\"brand\">ShotClock</span><nav>");
    item(h, nav, "overview", "/ui/", "Overview");
    item(h, nav, "workflows", "/ui/workflows", "Workflows");
    item(h, nav, "queue", "/ui/queue", "Queue");
    item(h, nav, "events", "/ui/events", "Events");
    h.raw("</nav><span class=\"who\">");
    h.el("span", session.canAct() ? "operator" : "read-only", "class",
        session.canAct() ? "role role-full" : "role role-ro", "id", "role");
    h.open("form", "class", "js-action inline", "data-action", "/ui/logout", "data-then", "/ui/login")
        .raw("<button type=\"submit\" id=\"logout\">Log out</button></form>");
    h.raw("</span></header><main>");
    h.raw("<div id=\"flash\" class=\"flash\" hidden></div>");
    h.el("h1", title);
    h.raw(body.toString());
    h.raw("</main></body></html>");
    return h.toString();
  }

  private static void item(Html h, String current, String key, String href, String label) {
    h.link(href, label, "class", key.equals(current) ? "active" : null);
  }

  /** A bare page (login, errors before a session exists). */
  static String bare(String title, Html body) {
    Html h = new Html();
    h.raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .el("title", title + " · ShotClock")
        .raw("<link rel=\"stylesheet\" href=\"/ui/assets/dashboard.css\">")
        .raw("</head><body class=\"bare\"><main>");
    h.raw(body.toString());
    h.raw("</main></body></html>");
    return h.toString();
  }
}
