package io.tianshu.server.nlp;

import io.tianshu.nlp.concept.VocabularySource;
import io.tianshu.nlp.concept.VocabularyTerm;
import io.tianshu.store.CdrStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The hospital's own coded vocabulary, read from its CDR: the standard code and display of every
 * diagnosis and operation it holds (ICD-10, ICD-9-CM-3), with the local names mapped to them as
 * synonyms. The most used codes come first, so they win a text two codes share.
 */
final class StoreVocabulary implements VocabularySource {

  // Static SQL over the CDR's own columns; nothing from a caller reaches it.
  private static final String QUERY =
      "SELECT std_system, std_code, std_display, local_display, count(*) AS uses FROM %s"
          + " WHERE std_system IS NOT NULL AND std_code IS NOT NULL"
          + " GROUP BY std_system, std_code, std_display, local_display"
          + " ORDER BY uses DESC, std_system, std_code, std_display, local_display";

  private final CdrStore store;

  StoreVocabulary(CdrStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public List<VocabularyTerm> terms() {
    return store.inTransaction(
        c -> {
          List<VocabularyTerm> out = new ArrayList<>();
          for (String table : List.of("diagnosis", "operation")) {
            try (PreparedStatement ps = c.prepareStatement(QUERY.formatted(table));
                ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                add(out, rs.getString(1), rs.getString(2), rs.getString(3), true);
                add(out, rs.getString(1), rs.getString(2), rs.getString(4), false);
              }
            }
          }
          return out;
        });
  }

  private static void add(
      List<VocabularyTerm> out, String system, String code, String text, boolean display) {
    if (text != null && !text.isBlank() && !system.isBlank() && !code.isBlank()) {
      out.add(new VocabularyTerm(system, code, text, display));
    }
  }
}
