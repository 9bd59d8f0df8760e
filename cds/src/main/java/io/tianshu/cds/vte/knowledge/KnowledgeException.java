package io.tianshu.cds.vte.knowledge;

/** A knowledge file that cannot be used, with the file and the place in it. */
public final class KnowledgeException extends RuntimeException {
  public KnowledgeException(String message) {
    super("TS-CDS-001 " + message);
  }

  public KnowledgeException(String message, Throwable cause) {
    super("TS-CDS-001 " + message, cause);
  }
}
