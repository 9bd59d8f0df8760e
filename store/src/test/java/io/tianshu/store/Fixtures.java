package io.tianshu.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tianshu.core.code.CodeSystem;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.Patient;
import io.tianshu.core.record.PatientRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The patient records under {@code src/test/resources/fixtures}, written in JSON by hand. */
final class Fixtures {

  /**
   * The batch id the fixtures' provenance carries; load them with this batch id to compare exactly.
   */
  static final String BATCH = "fixture-batch";

  static final String ZHANG_SAN = "zhang-san-orthopaedics.json";
  static final String LI_SI = "li-si-cardiology-death.json";
  static final String WANG_XIAOMING = "wang-xiaoming-emergency.json";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          // Fixtures name code systems by their stored id ("icd10", "local:HIS"), as the store
          // does.
          .registerModule(
              new SimpleModule()
                  .addDeserializer(
                      CodeSystem.class,
                      new JsonDeserializer<>() {
                        @Override
                        public CodeSystem deserialize(
                            JsonParser parser, DeserializationContext context) throws IOException {
                          return CodeSystem.fromId(parser.getValueAsString());
                        }
                      }));

  private Fixtures() {}

  static PatientRecord load(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return JSON.readValue(in, PatientRecord.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<PatientRecord> all() {
    return List.of(load(ZHANG_SAN), load(LI_SI), load(WANG_XIAOMING));
  }

  /** What readPatient returns for a loaded record: the same, with the ID number masked. */
  static PatientRecord asStored(PatientRecord record) {
    Patient p = record.patient();
    Patient masked =
        new Patient(
            p.id(),
            p.mrn(),
            p.name(),
            p.sex(),
            p.birthDate(),
            IdNumberProtection.mask(p.idNumber()),
            p.phone(),
            p.address(),
            p.identifiers(),
            p.provenance());
    return new PatientRecord(
        masked,
        record.encounters(),
        record.diagnoses(),
        record.operations(),
        record.orders(),
        record.administrations(),
        record.labs(),
        record.vitals(),
        record.exams(),
        record.documents(),
        record.noteFacts());
  }

  static long transfers(PatientRecord record) {
    return record.encounters().stream().map(Encounter::transfers).mapToLong(List::size).sum();
  }
}
