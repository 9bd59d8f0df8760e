package io.tianshu.server.search;

import io.tianshu.query.search.ShownText;
import io.tianshu.query.search.TextView;
import io.tianshu.server.patient.Deidentifier;
import io.tianshu.store.CdrStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Document texts as a researcher may read them: scrubbed by {@link Deidentifier} with the name and
 * address of the patient each document is about, read once per patient of a result page. One per
 * request; not thread-safe.
 */
final class DeidentifiedView implements TextView {

  private record Identity(String name, String address) {}

  private final CdrStore store;
  private final Map<String, Identity> identities = new HashMap<>();

  DeidentifiedView(CdrStore store) {
    this.store = store;
  }

  @Override
  public ShownText show(String patientId, String text) {
    Identity who = identities.computeIfAbsent(patientId, this::identity);
    Deidentifier.ScrubbedText scrubbed = Deidentifier.scrub(text, who.name(), who.address());
    return ShownText.mapped(scrubbed.text(), scrubbed.starts(), scrubbed.ends());
  }

  private Identity identity(String patientId) {
    return store.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT name, address FROM patient WHERE id = ?")) {
            ps.setString(1, patientId);
            try (ResultSet rs = ps.executeQuery()) {
              // A patient removed since the index was built: the patterns are still scrubbed.
              return rs.next()
                  ? new Identity(rs.getString(1), rs.getString(2))
                  : new Identity(null, null);
            }
          }
        });
  }
}
