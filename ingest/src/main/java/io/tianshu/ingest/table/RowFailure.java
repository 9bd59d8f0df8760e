package io.tianshu.ingest.table;

import io.tianshu.ingest.IngestErrorCode;

/** Why one row cannot be mapped; caught per row, so it carries no stack trace. */
final class RowFailure extends RuntimeException {

  private final IngestErrorCode code;

  RowFailure(IngestErrorCode code, String reason) {
    super(reason, null, false, false);
    this.code = code;
  }

  IngestErrorCode code() {
    return code;
  }
}
