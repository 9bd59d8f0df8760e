package io.tianshu.ingest.staging;

import java.util.List;

/** A page of quarantined messages, newest first. */
public record QuarantinePage(long total, int page, int size, List<StoredMessage> items) {

  public QuarantinePage {
    items = List.copyOf(items);
  }
}
