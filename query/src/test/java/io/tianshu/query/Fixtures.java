package io.tianshu.query;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tianshu.core.code.CodeSystem;
import io.tianshu.core.record.PatientRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JSON files under {@code src/test/resources}: patients, cohort definitions, expected results.
 */
public final class Fixtures {

  /**
   * Six hand-written patients: three cardiology admissions (one STEMI), three operations, and
   * admission notes written on, just past and well past the 24 h deadline.
   */
  public static final String WARD = "/patients/cardiology-and-surgery-ward.json";

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

  public static List<PatientRecord> patients(String resource) {
    try (InputStream in = open(resource)) {
      return JSON.readValue(in, new TypeReference<List<PatientRecord>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String resource) {
    try (InputStream in = open(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode json(String resource) {
    try {
      return JSON.readTree(text(resource));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream open(String resource) {
    InputStream in = Fixtures.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalArgumentException("no fixture " + resource);
    }
    return in;
  }
}
