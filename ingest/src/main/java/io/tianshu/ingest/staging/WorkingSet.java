package io.tianshu.ingest.staging;

import io.tianshu.core.record.PatientRecord;
import io.tianshu.store.CdrStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The patient records one apply batch works on: read from the CDR once (many at a time), changed
 * message by message in memory, and written back whole by the batch's CDR writer. Also knows which
 * patient ids were merged away (earlier batches' {@code ingest_patient_merge} rows and this batch's
 * own merges), so every message lands on the surviving patient.
 */
final class WorkingSet {

  private final CdrStore store;
  private final StagingStore staging;
  private final Map<String, PatientRecord> stored = new HashMap<>();
  private final Set<String> absent = new HashSet<>();
  private final Map<String, PatientRecord> changed = new LinkedHashMap<>();
  private final Set<String> removed = new LinkedHashSet<>();
  private final Map<String, String> aliases = new HashMap<>();
  private final Set<String> aliasesRead = new HashSet<>();

  WorkingSet(CdrStore store, StagingStore staging) {
    this.store = store;
    this.staging = staging;
  }

  /** Reads the aliases and records of these patients in a few queries. */
  void prefetch(Collection<String> patientIds) {
    Set<String> ids = new LinkedHashSet<>(patientIds);
    readAliases(ids);
    Set<String> resolved = new LinkedHashSet<>();
    ids.forEach(id -> resolved.add(resolve(id)));
    resolved.removeIf(
        id -> stored.containsKey(id) || absent.contains(id) || changed.containsKey(id));
    if (resolved.isEmpty()) {
      return;
    }
    Map<String, PatientRecord> found = store.readPatients(List.copyOf(resolved));
    stored.putAll(found);
    for (String id : resolved) {
      if (!found.containsKey(id)) {
        absent.add(id);
      }
    }
  }

  /** The id a patient is now known by: itself, or the patient it was merged into. */
  String resolve(String patientId) {
    String id = patientId;
    for (int hops = 0; hops < 32; hops++) {
      if (!aliasesRead.contains(id)) {
        readAliases(Set.of(id));
      }
      String next = aliases.get(id);
      if (next == null || next.equals(id)) {
        return id;
      }
      id = next;
    }
    return id; // a merge cycle; the last id reached
  }

  private void readAliases(Set<String> ids) {
    Set<String> toRead = new LinkedHashSet<>(ids);
    while (!toRead.isEmpty()) {
      toRead.removeAll(aliasesRead);
      if (toRead.isEmpty()) {
        return;
      }
      aliasesRead.addAll(toRead);
      Map<String, String> found = staging.aliases(toRead);
      found.forEach(aliases::putIfAbsent);
      toRead = new LinkedHashSet<>(found.values());
    }
  }

  /** The patient's record as this batch has it so far. */
  Optional<PatientRecord> get(String patientId) {
    if (removed.contains(patientId)) {
      return Optional.empty();
    }
    PatientRecord record = changed.get(patientId);
    if (record != null) {
      return Optional.of(record);
    }
    record = stored.get(patientId);
    if (record != null) {
      return Optional.of(record);
    }
    if (absent.contains(patientId)) {
      return Optional.empty();
    }
    Optional<PatientRecord> read = store.readPatient(patientId);
    read.ifPresentOrElse(r -> stored.put(patientId, r), () -> absent.add(patientId));
    return read;
  }

  void put(PatientRecord record) {
    String id = record.patient().id();
    if (removed.contains(id)) {
      throw new IllegalStateException("patient " + id + " was merged away in this batch");
    }
    undo.add(new Undo(id, changed.get(id), false, false, null));
    changed.put(id, record);
  }

  /** The patient was merged into {@code survivor}: removed from the CDR with this batch. */
  void mergedInto(String prior, String survivor) {
    undo.add(
        new Undo(prior, changed.get(prior), !removed.contains(prior), true, aliases.get(prior)));
    changed.remove(prior);
    removed.add(prior);
    aliases.put(prior, survivor);
    aliasesRead.add(prior);
  }

  /**
   * How one patient's entries were before a change: its changed record (null: none), whether the
   * change added it to the removed set, and, if the change set its alias, the alias before (null:
   * none). An undo log rather than a copy of the batch's state per message, which cost O(patients
   * changed) for every message of a batch.
   */
  private record Undo(
      String patientId,
      PatientRecord changed,
      boolean addedToRemoved,
      boolean aliasChanged,
      String alias) {}

  private final List<Undo> undo = new ArrayList<>();

  /**
   * The batch's changes so far, to go back to when a message fails half-way. Valid until the next
   * {@link #mark()}: messages are merged one at a time and marks do not nest.
   */
  record Mark(int position) {}

  Mark mark() {
    undo.clear();
    return new Mark(0);
  }

  void reset(Mark mark) {
    for (int i = undo.size() - 1; i >= mark.position(); i--) {
      Undo u = undo.remove(i);
      if (u.changed() == null) {
        changed.remove(u.patientId());
      } else {
        changed.put(u.patientId(), u.changed());
      }
      if (u.addedToRemoved()) {
        removed.remove(u.patientId());
      }
      if (u.aliasChanged() && u.alias() == null) {
        aliases.remove(u.patientId());
      } else if (u.aliasChanged()) {
        aliases.put(u.patientId(), u.alias());
      }
    }
  }

  /** The patient's record as the CDR held it when this batch read it; null if it did not. */
  PatientRecord storedRecord(String patientId) {
    return stored.get(patientId);
  }

  /** Records as changed by this batch, to be written. */
  Collection<PatientRecord> changed() {
    return changed.values();
  }

  /** Patients merged away in this batch that the CDR holds, to be removed. */
  Set<String> removedFromStore() {
    Set<String> out = new LinkedHashSet<>();
    for (String id : removed) {
      if (stored.containsKey(id)) {
        out.add(id);
      }
    }
    return out;
  }

  /** Patients written by this batch: arrivals that may release held messages. */
  Set<String> touched() {
    return Set.copyOf(changed.keySet());
  }
}
