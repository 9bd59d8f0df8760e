package io.tianshu.ingest.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IJsonLikeParser;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tianshu.ingest.IngestErrorCode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Splits FHIR input into resources, one accounting unit per bundle entry or NDJSON line, so that
 * one broken resource is rejected alone instead of failing its whole bundle. Jackson reads the
 * envelope; HAPI parses each resource from the same tree, so nothing is parsed twice.
 */
final class ResourceIntake {

  /** Resource types that become records, or that records are resolved against. */
  static final Set<String> READ_TYPES =
      Set.of(
          "Patient",
          "Encounter",
          "Condition",
          "Procedure",
          "Observation",
          "MedicationRequest",
          "MedicationAdministration",
          "DocumentReference",
          "DiagnosticReport",
          "Medication",
          "Location");

  private static final Set<String> BUNDLE_TYPES =
      Set.of("transaction", "batch", "collection", "searchset");

  // Configured like HAPI's own JacksonStructure: decimals stay exact (BigDecimal), so "1.10"
  // keeps its precision; source text is left out of error locations so that messages stay short.
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(JsonParser.Feature.INCLUDE_SOURCE_IN_LOCATION)
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .build();

  private final Set<String> knownTypes;
  private final Tally tally;
  private final IJsonLikeParser parser;

  ResourceIntake(FhirContext context, Set<String> knownTypes, Tally tally) {
    this.knownTypes = knownTypes;
    this.tally = tally;
    // A parser is not thread-safe; this intake belongs to one read.
    this.parser = (IJsonLikeParser) context.newJsonParser();
    parser.setParserErrorHandler(new ValueErrorHandler());
  }

  /** A Bundle as JSON text. */
  void bundle(String json) {
    if (json == null || json.isBlank()) {
      tally.reject("Bundle", "", IngestErrorCode.FHIR_UNREADABLE, "input is empty");
      return;
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      tally.reject(
          "Bundle", "", IngestErrorCode.FHIR_UNREADABLE, "not JSON: " + e.getOriginalMessage());
      return;
    }
    if (!(root instanceof ObjectNode object)) {
      tally.reject("Bundle", "", IngestErrorCode.FHIR_UNREADABLE, "not a JSON object");
      return;
    }
    String type = text(object, "resourceType");
    if (!"Bundle".equals(type)) {
      tally.reject(
          type == null ? "" : type,
          text(object, "id"),
          IngestErrorCode.FHIR_BUNDLE_UNSUPPORTED,
          "expected a Bundle, got " + (type == null ? "no resourceType" : "a " + type));
      return;
    }
    bundleEntries(object, "");
  }

  /**
   * One staged unit: a Bundle (its entries are read) or a single resource, as JSON bytes.
   *
   * @return the unit's top-level resourceType, or null when it has none
   */
  String unit(byte[] json) {
    JsonNode root;
    try {
      root = json == null || json.length == 0 ? null : JSON.readTree(json);
    } catch (JacksonException e) {
      tally.reject("", "", IngestErrorCode.FHIR_UNREADABLE, "not JSON: " + e.getOriginalMessage());
      return null;
    } catch (java.io.IOException e) {
      tally.reject("", "", IngestErrorCode.FHIR_UNREADABLE, "not JSON: " + e.getMessage());
      return null;
    }
    if (root == null || root.isMissingNode()) {
      tally.reject("", "", IngestErrorCode.FHIR_UNREADABLE, "input is empty");
      return null;
    }
    if (!(root instanceof ObjectNode object)) {
      tally.reject("", "", IngestErrorCode.FHIR_UNREADABLE, "not a JSON object");
      return null;
    }
    resource(object, null, null, "resource");
    return text(object, "resourceType");
  }

  /** Bulk Data NDJSON: one resource per line; blank lines are ignored. */
  void ndjson(Reader input) {
    if (input == null) {
      tally.reject("", "", IngestErrorCode.FHIR_UNREADABLE, "input is missing");
      return;
    }
    BufferedReader lines =
        input instanceof BufferedReader b ? b : new BufferedReader(input, 1 << 16);
    int number = 0;
    try {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        number++;
        if (!line.isBlank()) {
          ndjsonLine(line, "line " + number);
        }
      }
    } catch (IOException | RuntimeException e) {
      tally.reject(
          "",
          "",
          IngestErrorCode.FHIR_UNREADABLE,
          "input could not be read after line " + number + ": " + e.getMessage());
    }
  }

  /** Resources parsed by the caller; bundles among them are opened. */
  void resources(List<? extends Resource> resources) {
    if (resources == null) {
      tally.reject("", "", IngestErrorCode.FHIR_UNREADABLE, "input is missing");
      return;
    }
    int index = 0;
    for (Resource resource : resources) {
      parsed(resource, null, "resource[" + index++ + "]");
    }
  }

  private void ndjsonLine(String line, String where) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JacksonException e) {
      tally.reject(
          "", "", IngestErrorCode.FHIR_UNREADABLE, where + ": not JSON: " + e.getOriginalMessage());
      return;
    }
    if (!(node instanceof ObjectNode object)) {
      tally.reject("", "", IngestErrorCode.FHIR_UNREADABLE, where + ": not a JSON object");
      return;
    }
    resource(object, null, null, where);
  }

  private void bundleEntries(ObjectNode bundle, String where) {
    String bundleType = text(bundle, "type");
    if (bundleType == null || !BUNDLE_TYPES.contains(bundleType)) {
      tally.reject(
          "Bundle",
          text(bundle, "id"),
          IngestErrorCode.FHIR_BUNDLE_UNSUPPORTED,
          where
              + (bundleType == null
                  ? "Bundle.type missing"
                  : "Bundle.type '" + bundleType + "' not supported")
              + " (transaction, batch, collection, searchset are)");
      return;
    }
    JsonNode entries = bundle.get("entry");
    if (entries == null || entries.isNull()) {
      return;
    }
    if (!entries.isArray()) {
      tally.reject(
          "Bundle",
          text(bundle, "id"),
          IngestErrorCode.FHIR_UNREADABLE,
          where + "Bundle.entry is not an array");
      return;
    }
    int index = 0;
    for (JsonNode entry : entries) {
      entry(entry, where + "entry[" + index++ + "]");
    }
  }

  private void entry(JsonNode entry, String where) {
    if (!(entry instanceof ObjectNode object)) {
      tally.reject(
          "", "", IngestErrorCode.FHIR_RESOURCE_UNPARSEABLE, where + ": entry is not an object");
      return;
    }
    String fullUrl = text(object, "fullUrl");
    JsonNode request = object.get("request");
    JsonNode resource = object.get("resource");
    if (resource == null || resource.isNull()) {
      String method = request == null ? null : text(request, "method");
      String url = request == null ? null : text(request, "url");
      tally.reject(
          "",
          fullUrl,
          IngestErrorCode.FHIR_ENTRY_WITHOUT_RESOURCE,
          where
              + ": entry has no resource"
              + (method == null ? "" : " (request " + method + " " + url + ")"));
      return;
    }
    if (!(resource instanceof ObjectNode resourceObject)) {
      tally.reject(
          "",
          fullUrl,
          IngestErrorCode.FHIR_RESOURCE_UNPARSEABLE,
          where + ": resource is not a JSON object");
      return;
    }
    resource(resourceObject, fullUrl, idFromUpdate(request), where);
  }

  private void resource(ObjectNode node, String fullUrl, String updateId, String where) {
    String type = text(node, "resourceType");
    String id = text(node, "id");
    String reportedId = id != null ? id : fullUrl;
    if (type == null) {
      tally.reject(
          "",
          reportedId,
          IngestErrorCode.FHIR_RESOURCE_UNPARSEABLE,
          where + ": resourceType missing");
      return;
    }
    if ("Bundle".equals(type)) {
      bundleEntries(node, where + "/");
      return;
    }
    if (!knownTypes.contains(type)) {
      tally.reject(
          type,
          reportedId,
          IngestErrorCode.FHIR_RESOURCE_UNPARSEABLE,
          "'" + type + "' is not an R4 resource type");
      return;
    }
    if (!READ_TYPES.contains(type)) {
      tally.skip(type, "not-mapped");
      return;
    }
    // The narrative is never read; dropping it saves parsing XHTML and cannot reject a resource.
    node.remove("text");
    Resource parsed;
    try {
      JacksonStructure structure = new JacksonStructure();
      structure.setNativeObject(node);
      parsed = (Resource) parser.parseResource(structure);
    } catch (RuntimeException | StackOverflowError e) {
      tally.reject(
          type,
          reportedId,
          IngestErrorCode.FHIR_RESOURCE_UNPARSEABLE,
          (reportedId == null ? where + ": " : "") + "not valid FHIR R4: " + e.getMessage());
      return;
    }
    String logicalId = parsed.getIdElement().getIdPart();
    tally.accept(
        new SourceResource(
            type, blankToNull(logicalId != null ? logicalId : updateId), fullUrl, parsed, where));
  }

  private void parsed(Resource resource, String fullUrl, String where) {
    if (resource == null) {
      tally.reject("", fullUrl, IngestErrorCode.FHIR_RESOURCE_UNPARSEABLE, where + ": null");
      return;
    }
    if (resource instanceof Bundle bundle) {
      int index = 0;
      for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
        String url = entry.hasFullUrl() ? entry.getFullUrl() : null;
        String at = where + "/entry[" + index++ + "]";
        if (entry.getResource() == null) {
          tally.reject(
              "", url, IngestErrorCode.FHIR_ENTRY_WITHOUT_RESOURCE, at + ": entry has no resource");
        } else {
          parsed(entry.getResource(), url, at);
        }
      }
      return;
    }
    String type = resource.fhirType();
    if (!READ_TYPES.contains(type)) {
      tally.skip(type, "not-mapped");
      return;
    }
    IdType idElement = resource.getIdElement();
    String value = idElement.getValue();
    String id;
    String url = fullUrl;
    // HAPI gives a resource parsed from a bundle its entry's fullUrl as id.
    if (value != null && value.startsWith("urn:")) {
      id = value.substring(value.lastIndexOf(':') + 1);
      url = url == null ? value : url;
    } else {
      id = idElement.getIdPart();
      if (url == null && idElement.hasBaseUrl()) {
        url = idElement.toVersionless().getValue();
      }
    }
    tally.accept(new SourceResource(type, blankToNull(id), url, resource, where));
  }

  /** A transaction {@code PUT Type/id} names the id of a resource that carries none. */
  private static String idFromUpdate(JsonNode request) {
    if (request == null || !"PUT".equals(text(request, "method"))) {
      return null;
    }
    String url = text(request, "url");
    if (url == null || url.contains("?")) {
      return null;
    }
    String[] parts = url.split("/");
    return parts.length == 2 ? parts[1] : null;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
