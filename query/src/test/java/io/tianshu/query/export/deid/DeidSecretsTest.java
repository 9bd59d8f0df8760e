package io.tianshu.query.export.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeidSecretsTest {

  @TempDir Path temp;

  @Test
  void generatedOnceOwnerOnlyAndKept() throws Exception {
    Path file = temp.resolve("secrets").resolve(DeidSecrets.FILE_NAME);
    byte[] first = DeidSecrets.resolve(null, file);
    byte[] second = DeidSecrets.resolve("  ", file);

    assertThat(first).hasSizeGreaterThanOrEqualTo(32).isEqualTo(second);
    assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo(Files.readString(file).strip());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void configurationWinsAndLeavesNoFile() {
    Path file = temp.resolve(DeidSecrets.FILE_NAME);
    byte[] secret = DeidSecrets.resolve("a-configured-secret-of-some-length", file);
    assertThat(new String(secret, StandardCharsets.UTF_8))
        .isEqualTo("a-configured-secret-of-some-length");
    assertThat(file).doesNotExist();
  }

  @Test
  void shortSecretsAreRefusedWithoutBeingShown() throws Exception {
    assertThatThrownBy(() -> DeidSecrets.resolve("short-secret", temp.resolve("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("short-secret");
    Path file = Files.writeString(temp.resolve("weak.key"), "tiny");
    assertThatThrownBy(() -> DeidSecrets.resolve(null, file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("tiny");
  }
}
