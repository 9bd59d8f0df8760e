package io.tianshu.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One running server for all server tests (Spring caches the context): an embedded DuckDB CDR in a
 * temporary data directory, loaded with a small synthetic hospital, and a known admin password.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
public abstract class ServerTestSupport {

  public static final String ADMIN = "admin";
  public static final String ADMIN_PASSWORD = "Test-Admin-Passw0rd!";
  public static final int PATIENTS = 40;

  private static final Path DATA_DIR = tempDir();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("tianshu.data-dir", DATA_DIR::toString);
    registry.add("tianshu.admin.password", () -> ADMIN_PASSWORD);
    registry.add("tianshu.demo.patients", () -> PATIENTS);
    registry.add("tianshu.demo.seed", () -> 7);
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("tianshu-server-test");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
