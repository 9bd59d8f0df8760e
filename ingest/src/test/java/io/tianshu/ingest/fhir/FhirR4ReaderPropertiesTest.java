package io.tianshu.ingest.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tianshu.ingest.Fixtures;
import io.tianshu.ingest.IngestErrorCode;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Whatever the input, a read never throws, never fails in its own code ({@code TS-INGEST-299}) and
 * accounts for every resource exactly once: mapped, skipped or rejected.
 */
class FhirR4ReaderPropertiesTest {

  // Exact decimals, so that re-serialising keeps "1.10" as the source wrote it.
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .build();
  private static final String BUNDLE =
      new String(Fixtures.bytes("fhir/zhang-san-dvt-bundle.json"), StandardCharsets.UTF_8);
  private static final FhirR4Reader READER = FhirR4Reader.shared();

  @Property(tries = 300)
  void randomBytesAreRejectedNeverThrown(@ForAll @Size(max = 600) byte[] raw) {
    String text = new String(raw, StandardCharsets.UTF_8);

    assertAccounted(READER.readBundle(text, "prop"));
    assertAccounted(READER.readNdjson(new StringReader(text), "prop"));
  }

  @Property(tries = 300)
  void randomJsonLikeTextNeverThrows(@ForAll("jsonish") String text) {
    assertAccounted(READER.readBundle(text, "prop"));
    assertAccounted(READER.readNdjson(new StringReader(text), "prop"));
  }

  @Property(tries = 600)
  void mutatedBundlesAreMappedSkippedOrRejected(@ForAll("mutatedBundles") String bundle) {
    assertAccounted(READER.readBundle(bundle, "prop"));
  }

  @Property(tries = 200)
  void mutatedBundlesAsNdjsonAreMappedSkippedOrRejected(@ForAll("mutatedBundles") String bundle) {
    assertAccounted(READER.readNdjson(new StringReader(asNdjson(bundle)), "prop"));
  }

  @Property(tries = 50)
  void readingTwiceGivesTheSameResult(@ForAll("mutatedBundles") String bundle) {
    assertThat(READER.readBundle(bundle, "prop")).isEqualTo(READER.readBundle(bundle, "prop"));
  }

  @Property(tries = 50)
  void entryOrderDoesNotChangeTheRecords(@ForAll("seeds") long seed) throws Exception {
    ObjectNode shuffled = (ObjectNode) JSON.readTree(BUNDLE);
    List<JsonNode> entries = new ArrayList<>();
    shuffled.withArray("entry").forEach(entries::add);
    Collections.shuffle(entries, new Random(seed));
    shuffled.putArray("entry").addAll(entries);

    FhirReadResult original = READER.readBundle(BUNDLE, "prop");
    FhirReadResult reordered = READER.readBundle(JSON.writeValueAsString(shuffled), "prop");
    assertThat(reordered.records()).isEqualTo(original.records());
    assertThat(reordered.skipped()).isEqualTo(original.skipped());
    assertThat(reordered.rejections()).isEmpty();
  }

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs();
  }

  @Provide
  Arbitrary<String> jsonish() {
    return Arbitraries.strings()
        .withChars("{}[]\":,.-+0123456789eE truefalsnl\\/u张三𠮷")
        .ofMaxLength(300)
        .map(s -> Math.random() < 0.5 ? "{\"resourceType\":\"Bundle\",\"type\":\"batch\"," + s : s);
  }

  @Provide
  Arbitrary<String> mutatedBundles() {
    return Combinators.combine(Arbitraries.integers().between(1, 6), Arbitraries.longs())
        .as(FhirR4ReaderPropertiesTest::mutate);
  }

  /** Deletes, duplicates, nulls, retypes or garbles random elements; sometimes bytes too. */
  static String mutate(int count, long seed) {
    Random random = new Random(seed);
    try {
      JsonNode root = JSON.readTree(BUNDLE);
      for (int i = 0; i < count; i++) {
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        slots.get(random.nextInt(slots.size())).mutate(random);
      }
      String text = JSON.writeValueAsString(root);
      return random.nextInt(5) == 0 ? garbleText(text, random) : text;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A place in the tree: a field of an object or an element of an array. */
  private record Slot(JsonNode parent, String field, int index) {

    void mutate(Random random) {
      JsonNode current = parent.isObject() ? parent.get(field) : parent.get(index);
      JsonNode replacement =
          switch (random.nextInt(8)) {
            case 0 -> null; // delete
            case 1 -> JsonNodeFactory.instance.nullNode();
            case 2 -> JsonNodeFactory.instance.textNode(randomText(random));
            case 3 -> JsonNodeFactory.instance.numberNode(random.nextInt(2000) - 1000);
            case 4 -> JsonNodeFactory.instance.objectNode();
            case 5 -> JsonNodeFactory.instance.arrayNode().add(current.deepCopy());
            case 6 ->
                current.isTextual()
                    ? JsonNodeFactory.instance.textNode(garbleText(current.asText(), random))
                    : JsonNodeFactory.instance.booleanNode(random.nextBoolean());
            default -> current.deepCopy(); // duplicated below
          };
      if (parent instanceof ObjectNode object) {
        if (replacement == null) {
          object.remove(field);
        } else {
          object.set(field, replacement);
        }
      } else if (parent instanceof ArrayNode array) {
        if (replacement == null) {
          array.remove(index);
        } else if (replacement.equals(current)) {
          array.insert(index, replacement);
        } else {
          array.set(index, replacement);
        }
      }
    }
  }

  private static void collect(JsonNode node, List<Slot> slots) {
    if (node instanceof ObjectNode object) {
      object.fieldNames().forEachRemaining(f -> slots.add(new Slot(object, f, -1)));
      object.elements().forEachRemaining(child -> collect(child, slots));
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        slots.add(new Slot(array, null, i));
        collect(array.get(i), slots);
      }
    }
  }

  private static String randomText(Random random) {
    String[] samples = {
      "",
      " ",
      "2026-13-45",
      "2026",
      "2026-03",
      "urn:uuid:nothing",
      "Patient/none",
      "Patient?x=1",
      "张三",
      "𠮷",
      "not base64 !!",
      "text/plain; charset=gbk",
      "IMP",
      "laboratory",
      "vital-signs",
      "9".repeat(400),
      "-1e999"
    };
    return samples[random.nextInt(samples.length)];
  }

  private static String garbleText(String text, Random random) {
    if (text.isEmpty()) {
      return "\u0000";
    }
    StringBuilder out = new StringBuilder(text);
    int edits = 1 + random.nextInt(4);
    for (int i = 0; i < edits && out.length() > 0; i++) {
      int at = random.nextInt(out.length());
      switch (random.nextInt(3)) {
        case 0 -> out.deleteCharAt(at);
        case 1 -> out.insert(at, "{}[]\",:\\".charAt(random.nextInt(8)));
        default -> out.setCharAt(at, (char) random.nextInt(0x3000));
      }
    }
    return out.toString();
  }

  private static String asNdjson(String bundle) {
    try {
      JsonNode root = JSON.readTree(bundle);
      List<String> lines = new ArrayList<>();
      root.path("entry").forEach(e -> lines.add(e.path("resource").toString()));
      return String.join("\n", lines);
    } catch (JsonProcessingException e) {
      return bundle;
    }
  }

  /** Every resource read is mapped, skipped or rejected exactly once, and none by our own fault. */
  static void assertAccounted(FhirReadResult result) {
    assertThat(result).isNotNull();
    assertThat(result.rejections())
        .allSatisfy(
            r -> {
              assertThat(r.code())
                  .as(r.toString())
                  .isNotEqualTo(IngestErrorCode.FHIR_INTERNAL.code());
              assertThat(r.code()).startsWith("TS-INGEST-2");
              assertThat(r.reason()).isNotBlank();
            });
    int mapped = FhirR4ReaderCorpusTest.mappedResources(result.records()).size();
    assertThat(mapped + result.skippedCount() + result.rejections().size())
        .as(
            "mapped %d + skipped %s + rejected %s",
            mapped,
            result.skipped(),
            result.rejections().stream().map(FhirRejection::code).collect(Collectors.toList()))
        .isEqualTo(result.resourcesRead());
    assertThat(new HashSet<>(result.records())).hasSameSizeAs(result.records());
  }
}
