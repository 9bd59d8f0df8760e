package io.tianshu.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a resident ID number (身份证号) into what the store keeps: a keyed HMAC-SHA256 hash, so that an
 * exact search still works without the number being recoverable from a stolen database, and a
 * masked form for display. The key is per installation ({@link StoreConfig#identifierKey()}).
 */
final class IdNumberProtection {

  private final SecretKeySpec key;

  IdNumberProtection(byte[] key) {
    this.key = new SecretKeySpec(key, "HmacSHA256");
  }

  /** Hex HMAC of the normalised number (trimmed, check digit X in upper case), or null for null. */
  String hash(String idNumber) {
    if (idNumber == null || idNumber.isBlank()) {
      return null;
    }
    try {
      // A Mac is not thread-safe and cheap to create; readers hash concurrently.
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of()
          .formatHex(mac.doFinal(normalise(idNumber).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  /**
   * First 6 and last 4 characters kept, the rest as asterisks ({@code 110101********1234}): the
   * region and the check block stay readable for the clerk, the birth date does not. Numbers of 10
   * characters or fewer are masked entirely, since keeping 10 characters of them would reveal all
   * of them.
   */
  static String mask(String idNumber) {
    if (idNumber == null || idNumber.isBlank()) {
      return null;
    }
    String n = normalise(idNumber);
    if (n.length() <= 10) {
      return "*".repeat(n.length());
    }
    return n.substring(0, 6) + "*".repeat(n.length() - 10) + n.substring(n.length() - 4);
  }

  private static String normalise(String idNumber) {
    return idNumber.strip().toUpperCase(Locale.ROOT);
  }
}
