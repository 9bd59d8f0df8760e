package io.tianshu.ingest.table;

import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.Diagnosis;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.ExamReport;
import io.tianshu.core.record.LabResult;
import io.tianshu.core.record.MedicationAdministration;
import io.tianshu.core.record.MedicationOrder;
import io.tianshu.core.record.Operation;
import io.tianshu.core.record.Patient;
import io.tianshu.core.record.Provenance;
import io.tianshu.core.record.Transfer;
import io.tianshu.core.record.VitalSign;
import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.staging.MappedUnit;
import io.tianshu.ingest.staging.MessageOutcome;
import io.tianshu.ingest.staging.RecordFragment;
import io.tianshu.ingest.staging.StagedMessage;
import io.tianshu.ingest.staging.UnitFormat;
import io.tianshu.ingest.staging.UnitHeader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Table rows staged as {@link TableChunk}s (raw bytes starting {@code {"tianshuTableChunk"}),
 * mapped by the mapping they name ({@code name@version}) from the registry given here. Not one of
 * {@link io.tianshu.ingest.staging.IngestFormats#standard}: a feed that reads tables is built with
 * this format by its caller. A chunk is mapped whole or quarantined whole; {@link TableFiles}
 * stages a row that fails alone, so its quarantine carries that row's own reason.
 */
public final class TableUnitFormat implements UnitFormat {

  private final TableMappings mappings;

  public TableUnitFormat(TableMappings mappings) {
    this.mappings = Objects.requireNonNull(mappings, "mappings");
  }

  public TableMappings mappings() {
    return mappings;
  }

  @Override
  public String name() {
    return "table";
  }

  @Override
  public boolean recognises(byte[] raw) {
    return TableChunk.recognises(raw);
  }

  /** Source null (the caller declares it); id {@code file:lines}; type {@code TABLE^<table>}. */
  @Override
  public UnitHeader header(byte[] raw) {
    try {
      TableChunk head = TableChunk.decodeHead(raw);
      return new UnitHeader(
          null,
          head.file() == null ? null : head.file() + ":" + head.lines(),
          head.table() == null ? null : "TABLE^" + head.table(),
          null);
    } catch (RuntimeException e) {
      return UnitHeader.NONE;
    }
  }

  @Override
  public MessageOutcome ingest(StagedMessage staged, String batchId) {
    TableChunk chunk;
    try {
      chunk = TableChunk.decode(staged.raw());
    } catch (IllegalArgumentException e) {
      return new MessageOutcome.Quarantined(
          staged, IngestErrorCode.TABLE_UNIT_UNREADABLE, e.getMessage());
    }
    TableMapping mapping = mappings.find(chunk.mapping()).orElse(null);
    if (mapping == null) {
      return new MessageOutcome.Quarantined(
          staged,
          IngestErrorCode.TABLE_MAPPING_UNKNOWN,
          "no mapping " + chunk.mapping() + " in this feed's registry");
    }
    TableSpec table = mapping.table(chunk.table()).orElse(null);
    if (table == null) {
      return new MessageOutcome.Quarantined(
          staged,
          IngestErrorCode.TABLE_MAPPING_UNKNOWN,
          "mapping " + chunk.mapping() + " has no table " + chunk.table());
    }
    List<RowMapper.Mapped> mapped = new ArrayList<>(chunk.rows().size());
    try {
      mapped.addAll(mapRows(mappings.mapper(table), chunk, staged.source(), batchId));
    } catch (RowFailure f) {
      return new MessageOutcome.Quarantined(staged, f.code(), f.getMessage());
    }
    return new MessageOutcome.Records(
        staged, new MappedUnit("TABLE^" + chunk.table(), fragments(mapped)));
  }

  /**
   * Maps every row of a chunk, failing at the first row that does not map: the reason names its
   * file and line.
   */
  static List<RowMapper.Mapped> mapRows(
      RowMapper mapper, TableChunk chunk, String source, String batchId) {
    Map<String, Integer> index = chunk.index();
    int width = chunk.header().size();
    List<RowMapper.Mapped> out = new ArrayList<>(chunk.rows().size());
    for (TableChunk.Row row : chunk.rows()) {
      out.add(mapRow(mapper, index, width, row, chunk.file(), source, batchId));
    }
    return out;
  }

  static RowMapper.Mapped mapRow(
      RowMapper mapper,
      Map<String, Integer> index,
      int width,
      TableChunk.Row row,
      String file,
      String source,
      String batchId) {
    String where = file + ":" + row.line();
    try {
      if (row.values().length != width) {
        throw new RowFailure(
            IngestErrorCode.TABLE_ROW_MALFORMED,
            "has " + row.values().length + " values for " + width + " columns");
      }
      for (String v : row.values()) {
        if (v != null && v.indexOf('\uFFFD') >= 0) {
          throw new RowFailure(
              IngestErrorCode.TABLE_CHARSET_INVALID,
              "bytes not valid in the mapping's character set (value '" + v + "')");
        }
      }
      RowValues values = new RowValues(index, width, row.values(), row.joined());
      return mapper.map(values, new Provenance(source, where, batchId));
    } catch (RowFailure f) {
      throw new RowFailure(f.code(), where + ": " + f.getMessage());
    }
  }

  /** Records grouped by patient, in row order; a patient row is that patient's master data. */
  private static List<RecordFragment> fragments(List<RowMapper.Mapped> rows) {
    Map<String, Builder> byPatient = new LinkedHashMap<>();
    for (RowMapper.Mapped m : rows) {
      byPatient.computeIfAbsent(m.patientId(), Builder::new).add(m.record());
    }
    return byPatient.values().stream().map(Builder::build).toList();
  }

  /** One patient's records of a chunk. */
  private static final class Builder {
    final String patientId;
    Patient demographics;
    final List<Encounter> encounters = new ArrayList<>();
    final List<Diagnosis> diagnoses = new ArrayList<>();
    final List<Operation> operations = new ArrayList<>();
    final List<MedicationOrder> orders = new ArrayList<>();
    final List<MedicationAdministration> administrations = new ArrayList<>();
    final List<LabResult> labs = new ArrayList<>();
    final List<VitalSign> vitals = new ArrayList<>();
    final List<ExamReport> exams = new ArrayList<>();
    final List<ClinicalDocument> documents = new ArrayList<>();
    final List<Transfer> transfers = new ArrayList<>();

    Builder(String patientId) {
      this.patientId = patientId;
    }

    void add(Object record) {
      if (record instanceof Patient p) {
        demographics = p;
      } else if (record instanceof Encounter e) {
        encounters.add(e);
      } else if (record instanceof Diagnosis d) {
        diagnoses.add(d);
      } else if (record instanceof Operation o) {
        operations.add(o);
      } else if (record instanceof MedicationOrder o) {
        orders.add(o);
      } else if (record instanceof MedicationAdministration a) {
        administrations.add(a);
      } else if (record instanceof LabResult l) {
        labs.add(l);
      } else if (record instanceof VitalSign v) {
        vitals.add(v);
      } else if (record instanceof ExamReport x) {
        exams.add(x);
      } else if (record instanceof ClinicalDocument d) {
        documents.add(d);
      } else if (record instanceof Transfer t) {
        transfers.add(t);
      } else {
        throw new IllegalStateException("no fragment list for " + record.getClass());
      }
    }

    RecordFragment build() {
      return new RecordFragment(
          patientId,
          demographics,
          demographics != null,
          encounters,
          diagnoses,
          operations,
          orders,
          administrations,
          labs,
          vitals,
          exams,
          documents,
          transfers);
    }
  }
}
