package io.tianshu.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import io.tianshu.server.ServerTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Walks every registered endpoint and checks that an anonymous caller is refused. */
class EndpointSecurityTest extends ServerTestSupport {

  /** The only anonymous entry points: logging in, and the login page that the app shell renders. */
  private static final Set<String> PUBLIC = Set.of("POST /api/auth/login", "GET /login");

  @Autowired MockMvc mvc;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Test
  void everyRegisteredEndpointRefusesAnonymousCallers() throws Exception {
    List<String> checked = new ArrayList<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
        mappings.getHandlerMethods().entrySet()) {
      RequestMappingInfo info = entry.getKey();
      Set<String> patterns = info.getPatternValues();
      Set<org.springframework.web.bind.annotation.RequestMethod> methods =
          info.getMethodsCondition().getMethods();
      List<String> verbs =
          methods.isEmpty() ? List.of("GET", "POST") : methods.stream().map(Enum::name).toList();
      for (String pattern : patterns) {
        if (pattern.equals("/error")) {
          continue; // the servlet error page, reached only by the container's error dispatch
        }
        for (String verb : verbs) {
          String path = pattern.replaceAll("\\{[^}]+}", "x").replace("/**", "/x");
          String key = verb + " " + pattern;
          if (PUBLIC.contains(key)) {
            continue;
          }
          MvcResult result = mvc.perform(request(HttpMethod.valueOf(verb), path)).andReturn();
          int status = result.getResponse().getStatus();
          String location = result.getResponse().getHeader("Location");
          boolean refused =
              status == 401
                  || status == 403
                  || (status == 302 && location != null && location.endsWith("/login"));
          assertThat(refused).as("%s answered %d to an anonymous caller", key, status).isTrue();
          checked.add(key);
        }
      }
    }
    assertThat(checked).contains("GET /api/patients", "GET /api/patients/{id}", "GET /api/audit");
    assertThat(checked).hasSizeGreaterThan(10);
  }

  @Test
  void apiRefusalsAreProblemDetailsWithAStableCode() throws Exception {
    MvcResult result = mvc.perform(request(HttpMethod.GET, "/api/patients")).andReturn();
    assertThat(result.getResponse().getStatus()).isEqualTo(401);
    assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
    assertThat(result.getResponse().getContentAsString()).contains("\"code\":\"TS-AUTH-401\"");
    assertThat(result.getResponse().getHeader("WWW-Authenticate")).isNull();
  }

  @Test
  void actuatorShowsOnlyLivenessToAnonymousCallersAndTheRestToAdmins() throws Exception {
    MvcResult health = mvc.perform(request(HttpMethod.GET, "/actuator/health")).andReturn();
    assertThat(health.getResponse().getStatus()).isEqualTo(200);
    assertThat(health.getResponse().getContentAsString()).isEqualTo("{\"status\":\"UP\"}");
    for (String path :
        List.of("/actuator/metrics", "/actuator/info", "/api/openapi", "/api/docs")) {
      int status = mvc.perform(request(HttpMethod.GET, path)).andReturn().getResponse().getStatus();
      assertThat(status).as("anonymous GET %s", path).isEqualTo(401);
    }
  }

  @Test
  void theOpenApiDocumentListsThePatientEndpoints() throws Exception {
    MvcResult result =
        mvc.perform(
                request(HttpMethod.GET, "/api/openapi")
                    .with(
                        org.springframework.security.test.web.servlet.request
                            .SecurityMockMvcRequestPostProcessors.user("admin")
                            .roles("ADMIN")))
            .andReturn();
    assertThat(result.getResponse().getStatus()).isEqualTo(200);
    assertThat(result.getResponse().getContentAsString())
        .contains("/api/patients/{id}/timeline", "/api/patients", "/api/audit");
  }
}
