package io.tianshu.server.security;

import io.tianshu.server.config.TianshuProperties;
import java.security.SecureRandom;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the first administrator when there is no account at all. Its password comes from {@code
 * tianshu.admin.password} (env {@code TIANSHU_ADMIN_PASSWORD}) or is generated and printed exactly
 * once; it is never written to a log file.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class FirstAdmin implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);
  private static final String ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

  private final AccountService accounts;
  private final TianshuProperties properties;

  FirstAdmin(AccountService accounts, TianshuProperties properties) {
    this.accounts = accounts;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (accounts.hasAccounts()) {
      return;
    }
    String configured = properties.admin().password();
    boolean generated = configured == null || configured.isBlank();
    String password = generated ? generate() : configured;
    String username = properties.admin().username();
    accounts.create(username, "系统管理员", password, EnumSet.of(Role.ADMIN));
    log.info("Created the first administrator account '{}'", username);
    if (generated) {
      System.out.println();
      System.out.println("  First start: administrator '" + username + "' password: " + password);
      System.out.println("  It is shown only this once. Keep it safe.");
      System.out.println();
      System.out.flush();
    }
  }

  /**
   * 20 characters from a 57-symbol alphabet (~116 bits), with all three character classes ensured.
   */
  static String generate() {
    SecureRandom random = new SecureRandom();
    StringBuilder sb = new StringBuilder();
    while (true) {
      sb.setLength(0);
      for (int i = 0; i < 20; i++) {
        sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      String candidate = sb.toString();
      try {
        AccountService.checkStrength(candidate);
        return candidate;
      } catch (RuntimeException weak) {
        // Rare: no digit or no upper case drawn. Draw again.
      }
    }
  }
}
