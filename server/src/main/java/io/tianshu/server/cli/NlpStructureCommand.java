package io.tianshu.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.nlp.NoteStructurer;
import io.tianshu.server.nlp.NoteStructuring;
import io.tianshu.store.CdrStore;
import io.tianshu.store.CdrWriter;
import io.tianshu.store.PatientPage;
import io.tianshu.store.PatientQuery;
import io.tianshu.store.PatientSummary;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tianshu nlp structure}: brings the note facts of a whole CDR up to date — after an upgrade
 * of Tianshu's lexicon or rules, or for documents loaded with {@code --no-notes}. Connectors read
 * the notes of the records they write; this reads the rest, page by page, with the same pipeline
 * ({@link NoteStructuring}).
 */
@Command(
    name = "structure",
    mixinStandardHelpOptions = true,
    description =
        "Read the CDR's documents into note facts where they have none, have changed, or carry facts"
            + " of another pipeline version (--all: every document); print the counts as one JSON"
            + " line.")
final class NlpStructureCommand implements Callable<Integer> {

  /** Patients read, structured and written back per CDR transaction. */
  private static final int PAGE = 500;

  @Mixin StoreOptions store = new StoreOptions();

  @Option(names = "--all", description = "Read every document again, current facts or not.")
  boolean all;

  @Override
  public Integer call() throws IOException {
    long started = System.nanoTime();
    long patients = 0;
    long rewritten = 0;
    long documents = 0;
    try (CdrStore cdr = IngestCommand.open(store)) {
      NoteStructurer structurer = NoteStructuring.forStore(cdr);
      long total = cdr.searchPatients(PatientQuery.all(1)).total();
      // Records are rewritten in place, never added or removed, so offset paging sees each once.
      for (int offset = 0; offset < total; offset += PAGE) {
        PatientPage page =
            cdr.searchPatients(new PatientQuery(null, null, null, null, offset, PAGE));
        List<String> ids = page.items().stream().map(PatientSummary::id).toList();
        Map<String, PatientRecord> records = cdr.readPatients(ids);
        List<PatientRecord> changed = new ArrayList<>();
        for (PatientRecord r :
            records.values().parallelStream()
                .map(r -> all ? structurer.structure(r) : structurer.structure(r, r))
                .toList()) {
          PatientRecord before = records.get(r.patient().id());
          if (!r.equals(before)) {
            changed.add(r);
          }
          documents += r.documents().size();
        }
        if (!changed.isEmpty()) {
          try (CdrWriter writer =
              cdr.writer("nlp-structure-" + Instant.now().toEpochMilli() + "-" + offset, "nlp")) {
            changed.forEach(writer::add);
            writer.commit();
          }
        }
        patients += records.size();
        rewritten += changed.size();
        Console.progress("Reading notes", patients, total);
      }
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("patients", patients);
    line.put("documents", documents);
    line.put("rewritten", rewritten);
    line.put("pipeline", NoteStructuring.PIPELINE_VERSION);
    line.put("seconds", Math.round((System.nanoTime() - started) / 1e8) / 10.0);
    System.out.println(new ObjectMapper().writeValueAsString(line));
    return 0;
  }
}
