package io.tianshu.query.export.deid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Where the de-identification secret comes from: configuration when set, else a file generated once
 * and kept. Losing the file changes every pseudonym and date shift, so it is never regenerated
 * while it exists; its text (not its base64 decoding) is the secret, so the same value can be put
 * into configuration on another server to get the same pseudonyms.
 */
public final class DeidSecrets {

  /** The secret file's name inside an installation's {@code secrets/} directory. */
  public static final String FILE_NAME = "deid.key";

  private static final int MIN_BYTES = 16;

  private DeidSecrets() {}

  /**
   * The secret from {@code configured} when it is set, else from {@code file}, generating the file
   * (32 random bytes in base64, readable by its owner only) when it does not exist.
   *
   * @throws IllegalArgumentException when the configured or stored secret is shorter than 16 bytes
   * @throws UncheckedIOException when the file cannot be read or written
   */
  public static byte[] resolve(String configured, Path file) {
    if (configured != null && !configured.isBlank()) {
      return checked(configured.strip(), "the configured de-identification secret");
    }
    try {
      if (Files.exists(file)) {
        return checked(Files.readString(file, StandardCharsets.UTF_8).strip(), file.toString());
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      String secret = Base64.getEncoder().encodeToString(random);
      // Created owner-only before the secret is written, and only if absent: two exports starting
      // at once must not each keep a different secret.
      createOwnerOnly(file);
      Files.writeString(file, secret, StandardCharsets.UTF_8, StandardOpenOption.WRITE);
      return secret.getBytes(StandardCharsets.UTF_8);
    } catch (FileAlreadyExistsException e) {
      return resolve(null, file);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the de-identification secret file " + file + " cannot be read or written", e);
    }
  }

  private static byte[] checked(String secret, String where) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < MIN_BYTES) {
      throw new IllegalArgumentException(
          where + " is shorter than " + MIN_BYTES + " bytes; use a long random value");
    }
    return bytes;
  }

  private static void createOwnerOnly(Path file) throws IOException {
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the directory's own permissions are all there is.
      Files.createFile(file);
    }
  }
}
