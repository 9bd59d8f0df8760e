package io.tianshu.query.search;

/** Which mentions of the query words a document search counts. */
public enum SearchMode {
  /**
   * Only what the note says of the patient now: the spans of note facts that are negated,
   * uncertain, historical or about a relative are left out, so 发热 finds a fever and not 无发热.
   */
  AFFIRMED,
  /** Every mention in the text, whatever its context. */
  ALL
}
