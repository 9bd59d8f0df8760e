package io.tianshu.query.export;

import io.tianshu.core.error.TianshuException;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.query.criteria.CohortDefinition;
import io.tianshu.query.criteria.Criterion;
import io.tianshu.query.criteria.Demographics;
import io.tianshu.query.criteria.EventCriterion;
import io.tianshu.query.criteria.Group;
import io.tianshu.query.criteria.InclusionRule;
import io.tianshu.query.criteria.NoteFactCriterion;
import io.tianshu.query.export.deid.Deidentification;
import io.tianshu.query.sql.CohortMember;
import io.tianshu.store.CdrStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a cohort into a research dataset: one row per member with the variables of a {@link
 * DatasetSpec}, written as CSV or Parquet, de-identified unless the caller asks otherwise, with a
 * manifest. Records are read from the store in chunks ({@link CdrStore#readPatients}), so only one
 * chunk of records is in memory at a time (Parquet rows wait in an in-memory DuckDB table until the
 * file is written).
 */
public final class DatasetExporter {

  /** Members per {@code readPatients} call: large enough for bulk reads, small for memory. */
  static final int CHUNK_SIZE = 500;

  private DatasetExporter() {}

  /**
   * Writes the dataset to {@code file} (replacing it only once complete) and its manifest beside it
   * ({@link ExportManifest#pathFor}).
   *
   * @param deidentification the rules for a de-identified export, or null for an identified one
   *     (patient id and MRN columns, real dates, text as recorded) for users with the right to it
   * @throws TianshuException {@link ExportErrors#EXPORT_FAILED} when the file cannot be written;
   *     store errors as the store reports them
   */
  public static ExportSummary export(
      CdrStore store,
      ExportCohort cohort,
      DatasetSpec spec,
      ExportFormat format,
      Deidentification deidentification,
      Path file) {
    long started = System.nanoTime();
    Path target = file.toAbsolutePath();
    Path partial = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID());
    try {
      Files.createDirectories(target.getParent());
      Totals totals;
      if (format == ExportFormat.CSV) {
        try (OutputStream out = Files.newOutputStream(partial);
            CsvDatasetWriter writer = new CsvDatasetWriter(out, columns(spec, deidentification))) {
          totals = rows(store, cohort, spec, deidentification, writer);
        }
      } else {
        try (ParquetDatasetWriter writer =
            new ParquetDatasetWriter(columns(spec, deidentification))) {
          totals = rows(store, cohort, spec, deidentification, writer);
          Files.move(writer.file(), partial, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      moveIntoPlace(partial, target);
      ExportManifest manifest =
          manifest(cohort, spec, format, target.getFileName().toString(), totals, deidentification);
      Path manifestFile = ExportManifest.pathFor(target);
      Files.writeString(manifestFile, manifest.toJson(), StandardCharsets.UTF_8);
      return summary(totals, spec, deidentification, started, target, manifestFile, manifest);
    } catch (IOException | UncheckedIOException e) {
      throw new TianshuException(
          ExportErrors.EXPORT_FAILED,
          "cannot write the dataset " + target + ": " + e.getMessage(),
          e);
    } finally {
      try {
        Files.deleteIfExists(partial);
      } catch (IOException e) {
        // Only a leftover hidden file; the export's own outcome is what matters.
      }
    }
  }

  /**
   * Writes the dataset to {@code out} (not closed), for a download; the manifest is only in the
   * returned summary. Parquet is written to a temporary file first, because its footer comes last.
   */
  public static ExportSummary export(
      CdrStore store,
      ExportCohort cohort,
      DatasetSpec spec,
      ExportFormat format,
      Deidentification deidentification,
      OutputStream out) {
    long started = System.nanoTime();
    try {
      Totals totals;
      if (format == ExportFormat.CSV) {
        try (CsvDatasetWriter writer = new CsvDatasetWriter(out, columns(spec, deidentification))) {
          totals = rows(store, cohort, spec, deidentification, writer);
        }
      } else {
        try (ParquetDatasetWriter writer =
            new ParquetDatasetWriter(columns(spec, deidentification))) {
          totals = rows(store, cohort, spec, deidentification, writer);
          Files.copy(writer.file(), out);
        }
      }
      out.flush();
      ExportManifest manifest = manifest(cohort, spec, format, null, totals, deidentification);
      return summary(totals, spec, deidentification, started, null, null, manifest);
    } catch (IOException | UncheckedIOException e) {
      throw new TianshuException(
          ExportErrors.EXPORT_FAILED, "cannot write the dataset: " + e.getMessage(), e);
    }
  }

  /** The columns an export of {@code spec} has, identity columns first. */
  public static List<Column> columns(DatasetSpec spec, boolean deidentified) {
    return DatasetColumns.of(spec, deidentified);
  }

  private static List<Column> columns(DatasetSpec spec, Deidentification deidentification) {
    return columns(spec, deidentification != null);
  }

  private static Totals rows(
      CdrStore store,
      ExportCohort cohort,
      DatasetSpec spec,
      Deidentification deid,
      DatasetWriter writer)
      throws IOException {
    Objects.requireNonNull(store, "store");
    RowBuilder rows = new RowBuilder(spec, cohort.definition(), deid);
    List<CohortMember> members = inOutputOrder(cohort.members(), deid);
    Set<String> concepts =
        noteConcepts(spec, rows.readsIndexEncounter() ? cohort.definition() : null);
    long written = 0;
    int skipped = 0;
    for (int from = 0; from < members.size(); from += CHUNK_SIZE) {
      List<CohortMember> chunk = members.subList(from, Math.min(members.size(), from + CHUNK_SIZE));
      List<String> ids = chunk.stream().map(CohortMember::patientId).distinct().toList();
      Map<String, PatientRecord> records = store.readPatients(ids, concepts);
      for (CohortMember member : chunk) {
        PatientRecord record = records.get(member.patientId());
        if (record == null) {
          skipped++;
          continue;
        }
        writer.write(rows.row(member, record));
        written++;
      }
    }
    writer.finish();
    return new Totals(written, skipped);
  }

  /**
   * Identified exports keep the members' order (by patient id from the cohort engine);
   * de-identified ones are ordered by pseudonym, so that row order says nothing about patient ids.
   */
  private static List<CohortMember> inOutputOrder(
      List<CohortMember> members, Deidentification deid) {
    if (deid == null) {
      return members;
    }
    Map<String, String> pseudonyms = new HashMap<>();
    Map<String, String> owners = new HashMap<>();
    for (CohortMember m : members) {
      String pseudonym = pseudonyms.computeIfAbsent(m.patientId(), deid::pseudonym);
      String owner = owners.putIfAbsent(pseudonym, m.patientId());
      if (owner != null && !owner.equals(m.patientId())) {
        // 64-bit pseudonyms collide with odds of about n²/2^65: never in practice, but a
        // collision would silently merge two patients, so it stops the export.
        throw new IllegalStateException("two patients share a pseudonym; use another secret");
      }
    }
    List<CohortMember> ordered = new ArrayList<>(members);
    ordered.sort(
        Comparator.comparing((CohortMember m) -> pseudonyms.get(m.patientId()))
            .thenComparing(
                CohortMember::indexAt, Comparator.nullsFirst(Comparator.naturalOrder())));
    return ordered;
  }

  /**
   * Which note facts to read: only the concepts the variables name (none when no variable reads
   * note facts, which saves most of a record's rows), all of them when a variable matches note text
   * or the definition, evaluated for index encounters, may read note facts.
   */
  static Set<String> noteConcepts(DatasetSpec spec, CohortDefinition definition) {
    if (definition != null && mayReadNoteFacts(definition)) {
      return null;
    }
    Set<String> concepts = new HashSet<>();
    for (Variable v : spec.variables()) {
      if (v instanceof FactVariable f && f.criterion() instanceof NoteFactCriterion n) {
        if (!n.texts().isEmpty()) {
          return null;
        }
        concepts.addAll(n.concepts());
      }
    }
    return concepts;
  }

  private static boolean mayReadNoteFacts(CohortDefinition definition) {
    if (mayReadNoteFacts(definition.index().criterion())) {
      return true;
    }
    for (InclusionRule rule : definition.rules()) {
      if (mayReadNoteFacts(rule.criterion())) {
        return true;
      }
    }
    return false;
  }

  private static boolean mayReadNoteFacts(Criterion c) {
    if (c instanceof Demographics) {
      return false;
    }
    if (c instanceof Group g) {
      return g.criteria().stream().anyMatch(DatasetExporter::mayReadNoteFacts);
    }
    if (c instanceof EventCriterion e) {
      return e instanceof NoteFactCriterion;
    }
    return true; // saved-cohort references and anything newer: read everything to be safe
  }

  private static void moveIntoPlace(Path partial, Path target) throws IOException {
    try {
      Files.move(
          partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static ExportManifest manifest(
      ExportCohort cohort,
      DatasetSpec spec,
      ExportFormat format,
      String file,
      Totals totals,
      Deidentification deid) {
    return new ExportManifest(
        Instant.now(),
        cohort.name(),
        format,
        file,
        totals.rows(),
        totals.skipped(),
        columns(spec, deid),
        deid == null ? null : deid.shiftRange(),
        spec.json());
  }

  private static ExportSummary summary(
      Totals totals,
      DatasetSpec spec,
      Deidentification deid,
      long started,
      Path file,
      Path manifestFile,
      ExportManifest manifest) {
    double seconds = (System.nanoTime() - started) / 1e9;
    return new ExportSummary(
        totals.rows(),
        totals.skipped(),
        columns(spec, deid),
        deid != null,
        seconds,
        file,
        manifestFile,
        manifest);
  }

  private record Totals(long rows, int skipped) {}
}
