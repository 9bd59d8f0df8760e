package io.tianshu.server.api;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The single-page workbench's routes: each serves the app shell, which then routes in the browser.
 * Only {@code /login} is public; the others require a session (the security configuration redirects
 * to login).
 */
@Controller
class WorkbenchPages {

  @GetMapping({
    "/",
    "/login",
    "/patients",
    "/patients/{id}",
    "/search",
    "/admin/audit",
    "/integration",
    "/research/cohorts",
    "/research/cohorts/new",
    "/research/cohorts/{id}",
    "/vte/ward",
    "/vte/alerts",
    "/vte/metrics",
    "/vte/patients",
    "/vte/patients/{id}"
  })
  String shell() {
    return "forward:/index.html";
  }
}
