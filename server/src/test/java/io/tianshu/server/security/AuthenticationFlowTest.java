package io.tianshu.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.server.ServerTestSupport;
import io.tianshu.server.WorkbenchClient;
import io.tianshu.server.WorkbenchClient.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Login, CSRF, roles and account rules, over real HTTP against the running server. */
class AuthenticationFlowTest extends ServerTestSupport {

  @LocalServerPort int port;

  @Test
  void wrongPasswordIsRefusedWithAProblemDetail() {
    Reply reply = new WorkbenchClient(port).login(ADMIN, "not-the-password");
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.body().get("code").asText()).isEqualTo("TS-AUTH-401");
  }

  @Test
  void adminLogsInAndSeesTheirRoles() {
    WorkbenchClient client = new WorkbenchClient(port);
    Reply login = client.login(ADMIN, ADMIN_PASSWORD);
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.body().get("roles").toString()).contains("ADMIN");
    Reply me = client.get("/api/auth/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.body().get("username").asText()).isEqualTo(ADMIN);
  }

  @Test
  void stateChangingCallsWithoutTheCsrfTokenAreRefused() {
    WorkbenchClient client = new WorkbenchClient(port);
    assertThat(client.login(ADMIN, ADMIN_PASSWORD).status()).isEqualTo(200);
    Reply reply =
        client.post(
            "/api/admin/users",
            Map.of(
                "username",
                "csrf-victim",
                "password",
                "Another-Passw0rd!",
                "roles",
                List.of("CLINICIAN")),
            false);
    assertThat(reply.status()).isEqualTo(403);
  }

  @Test
  void logoutEndsTheSession() {
    WorkbenchClient client = new WorkbenchClient(port);
    client.login(ADMIN, ADMIN_PASSWORD);
    assertThat(client.post("/api/auth/logout", null).status()).isEqualTo(204);
    assertThat(client.get("/api/auth/me").status()).isEqualTo(401);
  }

  @Test
  void weakPasswordsAndDuplicateNamesAreRefused() {
    WorkbenchClient admin = new WorkbenchClient(port);
    admin.login(ADMIN, ADMIN_PASSWORD);
    Reply weak =
        admin.post(
            "/api/admin/users",
            Map.of("username", "weakling", "password", "short", "roles", List.of("CLINICIAN")));
    assertThat(weak.status()).isEqualTo(422);
    assertThat(weak.body().get("code").asText()).isEqualTo("TS-AUTH-422");
    Reply taken =
        admin.post(
            "/api/admin/users",
            Map.of(
                "username", ADMIN, "password", "Another-Passw0rd!", "roles", List.of("CLINICIAN")));
    assertThat(taken.status()).isEqualTo(409);
  }

  @Test
  void onlyAdminsManageAccountsAndDisabledAccountsCannotLogIn() {
    WorkbenchClient admin = new WorkbenchClient(port);
    admin.login(ADMIN, ADMIN_PASSWORD);
    assertThat(
            admin
                .post(
                    "/api/admin/users",
                    Map.of(
                        "username",
                        "doctor.li",
                        "displayName",
                        "李医生",
                        "password",
                        "Doctor-Passw0rd!",
                        "roles",
                        List.of("CLINICIAN")))
                .status())
        .isEqualTo(201);

    WorkbenchClient doctor = new WorkbenchClient(port);
    assertThat(doctor.login("doctor.li", "Doctor-Passw0rd!").status()).isEqualTo(200);
    assertThat(doctor.get("/api/admin/users").status()).isEqualTo(403);
    assertThat(doctor.get("/api/audit").status()).isEqualTo(403);

    assertThat(admin.post("/api/admin/users/doctor.li/disable", null).status()).isEqualTo(204);
    assertThat(new WorkbenchClient(port).login("doctor.li", "Doctor-Passw0rd!").status())
        .isEqualTo(401);
  }
}
