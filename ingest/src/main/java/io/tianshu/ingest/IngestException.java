package io.tianshu.ingest;

import io.tianshu.core.error.TianshuException;

/** A message could not be ingested; carries the stable code and the readable reason. */
public class IngestException extends TianshuException {

  private final IngestErrorCode ingestErrorCode;

  public IngestException(IngestErrorCode code, String reason) {
    super(code.toErrorCode(), reason);
    this.ingestErrorCode = code;
  }

  public IngestException(IngestErrorCode code, String reason, Throwable cause) {
    super(code.toErrorCode(), reason, cause);
    this.ingestErrorCode = code;
  }

  public IngestErrorCode ingestErrorCode() {
    return ingestErrorCode;
  }
}
