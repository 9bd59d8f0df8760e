package io.tianshu.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The server's whole configuration, bound once from {@code tianshu.*} properties (command-line
 * options, environment variables such as {@code TIANSHU_STORE_URL}, or {@code application.yml}).
 *
 * @param dataDir where the embedded database, secrets and logs live
 * @param timeZone the hospital's local time zone; clinical times are local times in this zone
 * @param store which database to use
 * @param admin first-start administrator settings
 * @param demo synthetic data loaded at start when the store is empty (tests and demos)
 * @param ingest HL7 v2 staging and the MLLP listener
 */
@ConfigurationProperties("tianshu")
public record TianshuProperties(
    @DefaultValue("./data") Path dataDir,
    @DefaultValue("Asia/Shanghai") ZoneId timeZone,
    @DefaultValue Store store,
    @DefaultValue Admin admin,
    @DefaultValue Demo demo,
    @DefaultValue Ingest ingest) {

  /**
   * Database settings.
   *
   * @param dialect {@code duckdb} (default, a file in the data directory) or {@code postgresql}
   * @param url JDBC URL for PostgreSQL; ignored for DuckDB
   * @param user PostgreSQL user
   * @param password PostgreSQL password (from the environment, never from a committed file)
   */
  public record Store(
      @DefaultValue("duckdb") String dialect, String url, String user, String password) {}

  /**
   * First-start administrator.
   *
   * @param password the first admin's password; when blank one is generated and printed once
   */
  public record Admin(@DefaultValue("admin") String username, String password) {}

  /**
   * Synthetic hospital loaded into an empty store at start-up.
   *
   * @param patients how many patients; 0 loads nothing
   * @param seed generator seed
   */
  public record Demo(@DefaultValue("0") int patients, @DefaultValue("42") long seed) {}

  /**
   * HL7 v2 ingestion.
   *
   * @param mllpPort the MLLP listener's port; none (the default) runs no listener
   * @param holdTime how long a message may wait for its patient or visit before it is quarantined
   * @param resultsRegisterPatients whether a result carrying name and birth date may register a
   *     patient the CDR does not know (otherwise results wait for the ADT registration)
   */
  public record Ingest(
      Integer mllpPort,
      @DefaultValue("24h") Duration holdTime,
      @DefaultValue("true") boolean resultsRegisterPatients,
      @DefaultValue("true") boolean readNotes) {}
}
