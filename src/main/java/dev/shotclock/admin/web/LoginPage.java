package dev.shotclock.admin.web;

/** The login form: a plain form POST, so it works before any script has loaded. */
final class LoginPage {

  private LoginPage() {}

  static String render(String error) {
    Html h = new Html();
    h.el("h1", "ShotClock");
    h.el("p", "Paste the admin token (var/admin.token) to operate, or the read-only token"
        + " (var/admin.readonly.token) to look.", "class", "muted");
    if (error != null) {
      h.el("p", error, "class", "flash error", "id", "login-error");
    }
    h.raw("<form method=\"post\" action=\"/ui/login\" class=\"login\" id=\"login-form\">")
        .raw("<label for=\"token\">Token</label>")
        .raw("<input type=\"password\" name=\"token\" id=\"token\" autocomplete=\"off\" required autofocus>")
        .raw("<button type=\"submit\" id=\"login\">Log in</button></form>");
    return Layout.bare("Log in", h);
  }
}
