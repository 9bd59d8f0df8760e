package io.tianshu.store;

import java.util.List;

/** A page of patient search results with the total number of matches. */
public record PatientPage(long total, List<PatientSummary> items) {

  public PatientPage {
    items = List.copyOf(items);
  }
}
