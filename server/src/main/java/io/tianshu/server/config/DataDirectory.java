package io.tianshu.server.config;

import io.tianshu.core.error.ErrorCode;
import io.tianshu.core.error.TianshuException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The data directory: the DuckDB file, the per-installation secret key and the log files. Checked
 * once, with one clear sentence when it cannot be used.
 */
public final class DataDirectory {

  public static final ErrorCode UNUSABLE =
      new ErrorCode("TS-SERVER-001", 500, "The data directory cannot be used");

  private static final String KEY_ENV = "TIANSHU_IDENTIFIER_KEY";

  private final Path root;

  private DataDirectory(Path root) {
    this.root = root;
  }

  /** Uses an existing, writable directory. */
  public static DataDirectory existing(Path dir) {
    Path root = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new TianshuException(
          UNUSABLE,
          "Data directory "
              + root
              + " does not exist; run './tianshu demo' first or pass --data-dir.");
    }
    return checked(root);
  }

  /** Creates the directory when missing, then checks it is writable. */
  public static DataDirectory create(Path dir) {
    Path root = dir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(root);
    } catch (IOException | SecurityException e) {
      throw new TianshuException(
          UNUSABLE, "Data directory " + root + " cannot be created: " + reason(e), e);
    }
    return checked(root);
  }

  private static DataDirectory checked(Path root) {
    if (!Files.isWritable(root)) {
      throw new TianshuException(UNUSABLE, "Data directory " + root + " is not writable.");
    }
    return new DataDirectory(root);
  }

  public Path root() {
    return root;
  }

  public Path duckdbFile() {
    return root.resolve("tianshu.duckdb");
  }

  public Path logDir() {
    return root.resolve("logs");
  }

  /**
   * The per-installation key for hashing ID numbers: from {@code TIANSHU_IDENTIFIER_KEY} (base64)
   * when set, else generated once into {@code secrets/identifier.key} readable by the owner only.
   * Losing it makes stored ID-number hashes unsearchable, so it is never regenerated.
   */
  public byte[] identifierKey() {
    String fromEnv = System.getenv(KEY_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Base64.getDecoder().decode(fromEnv.strip());
    }
    Path file = root.resolve("secrets").resolve("identifier.key");
    try {
      if (Files.exists(file)) {
        return Base64.getDecoder().decode(Files.readString(file).strip());
      }
      Files.createDirectories(file.getParent());
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      Files.writeString(file, Base64.getEncoder().encodeToString(key));
      trySetOwnerOnly(file);
      return key;
    } catch (IOException | IllegalArgumentException e) {
      throw new TianshuException(
          UNUSABLE, "Secret key file " + file + " cannot be read or written: " + reason(e), e);
    }
  }

  private static void trySetOwnerOnly(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      // Not a POSIX file system: the directory's own permissions are all we have.
    }
  }

  private static String reason(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
