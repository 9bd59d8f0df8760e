package io.tianshu.query.cohort;

import io.tianshu.store.CdrStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The codes a hospital's records actually use, for the cohort builder's code-set picker: what
 * matches the typed text by code or display, most used first. Codes are shown as the criteria
 * language matches them: the standard code where mapped, else the local one.
 */
public final class CodeCatalog {

  /** One code in use. */
  public record Entry(String system, String code, String display, long facts) {}

  // Table and column names are fixed per domain, never from the request.
  private static final Map<String, String> CODED =
      Map.of(
          "diagnosis", "diagnosis",
          "operation", "operation",
          "drug", "medication_order",
          "lab", "lab_result");

  private final CdrStore store;

  public CodeCatalog(CdrStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** Domains the catalogue serves. */
  public static List<String> domains() {
    return List.of("diagnosis", "operation", "drug", "lab", "noteFact");
  }

  /**
   * Up to {@code limit} codes of a domain whose code or display contains {@code text}
   * (case-insensitive for codes), most used first; all codes when {@code text} is blank.
   */
  public List<Entry> find(String domain, String text, int limit) {
    String sql;
    if ("noteFact".equals(domain)) {
      sql =
          "SELECT 'concept', concept, MIN(surface), COUNT(*) FROM note_fact"
              + " WHERE (? = '' OR strpos(lower(concept), ?) > 0 OR strpos(surface, ?) > 0)"
              + " GROUP BY concept ORDER BY COUNT(*) DESC, concept LIMIT ?";
    } else if (CODED.containsKey(domain)) {
      String table = CODED.get(domain);
      sql =
          "SELECT sys, code, MIN(display), COUNT(*) FROM (SELECT"
              + " COALESCE(std_system, local_system) AS sys,"
              + " COALESCE(std_code, local_code) AS code,"
              + " CASE WHEN std_code IS NOT NULL THEN std_display ELSE local_display END AS display"
              + " FROM "
              + table
              + ") x WHERE (? = '' OR strpos(lower(code), ?) > 0 OR strpos(display, ?) > 0)"
              + " GROUP BY sys, code ORDER BY COUNT(*) DESC, code LIMIT ?";
    } else {
      throw new IllegalArgumentException(
          "unknown domain '" + domain + "'; expected one of " + String.join(", ", domains()));
    }
    String typed = text == null ? "" : text.strip();
    String lower = typed.toLowerCase(Locale.ROOT);
    return store.inTransaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, typed);
            s.setString(2, lower);
            s.setString(3, typed);
            s.setInt(4, Math.max(1, Math.min(limit, 100)));
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
              }
            }
            return out;
          }
        });
  }
}
