package io.tianshu.ingest.fhir;

import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.IngestException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The resources of one read, found by the ways a reference can name them: the entry's fullUrl
 * ({@code urn:uuid:…}), {@code Type/id} (relative or absolute), a conditional reference {@code
 * Type?identifier=system|value} as Synthea writes them, a logical reference by identifier, and
 * {@code #id} for contained resources.
 */
final class References {

  private final Map<String, SourceResource> byFullUrl = new HashMap<>();
  private final Map<String, SourceResource> byTypeAndId = new HashMap<>();
  private final Map<String, List<IndexedIdentifier>> byIdentifierValue = new HashMap<>();
  private final Map<Resource, SourceResource> bySource = new HashMap<>();

  private record IndexedIdentifier(String system, SourceResource resource) {}

  /**
   * Indexes the accepted resources; one without identity or one already seen is rejected and left
   * out. Returns the resources indexed, in input order.
   */
  static References index(Tally tally, List<SourceResource> indexed) {
    References refs = new References();
    for (SourceResource r : tally.accepted()) {
      if (r.recordId() == null && !(r.type().equals("Patient") && hasIdentifier(r.resource()))) {
        tally.rejectAccepted(
            r, IngestErrorCode.FHIR_RESOURCE_ID_MISSING, "resource has neither id nor fullUrl");
        continue;
      }
      String typeAndId = r.recordId() == null ? null : r.type() + "/" + r.recordId();
      if ((r.fullUrl() != null && refs.byFullUrl.containsKey(r.fullUrl()))
          || (typeAndId != null && refs.byTypeAndId.containsKey(typeAndId))) {
        tally.rejectAccepted(
            r,
            IngestErrorCode.FHIR_DUPLICATE_RESOURCE,
            r.type() + " " + r.reportedId() + " occurs more than once in this read");
        continue;
      }
      if (r.fullUrl() != null) {
        refs.byFullUrl.put(r.fullUrl(), r);
      }
      if (typeAndId != null) {
        refs.byTypeAndId.put(typeAndId, r);
      }
      for (Identifier identifier : identifiers(r.resource())) {
        if (identifier.hasValue()) {
          refs.byIdentifierValue
              .computeIfAbsent(r.type() + "|" + identifier.getValue(), k -> new ArrayList<>())
              .add(new IndexedIdentifier(identifier.getSystem(), r));
        }
      }
      refs.bySource.put(r.resource(), r);
      indexed.add(r);
    }
    return refs;
  }

  /** The source resource a parsed resource came from. */
  SourceResource source(Resource resource) {
    return bySource.get(resource);
  }

  /**
   * The resource a reference names, which must be of {@code expectedType}.
   *
   * @param element the element name, for messages
   * @throws IngestException unresolved, ambiguous or of the wrong type
   */
  SourceResource resolve(Reference reference, String expectedType, String element) {
    String target = reference.getReference();
    SourceResource found;
    if (target == null || target.isBlank()) {
      if (!reference.hasIdentifier()) {
        throw new IngestException(
            IngestErrorCode.FHIR_ELEMENT_MISSING, element + " names no resource");
      }
      Identifier identifier = reference.getIdentifier();
      found =
          byIdentifier(
              expectedType,
              identifier.getSystem(),
              identifier.getValue(),
              element + " identifier " + identifier.getSystem() + "|" + identifier.getValue());
    } else {
      found = byReference(target.strip(), expectedType, element);
    }
    if (!found.type().equals(expectedType)) {
      throw new IngestException(
          IngestErrorCode.FHIR_REFERENCE_CONFLICT,
          element + " '" + target + "' is a " + found.type() + ", expected a " + expectedType);
    }
    return found;
  }

  /**
   * The logical id a literal reference gives its target, for a target outside this read: {@code
   * Type/id} (relative, absolute or versioned) or {@code urn:uuid:id}. Null for conditional,
   * identifier-only and contained references, whose target's id the reference does not state, and
   * for a {@code Type/id} of another type.
   */
  static String externalId(Reference reference, String expectedType) {
    String target = reference == null ? null : reference.getReference();
    if (target == null || target.isBlank()) {
      return null;
    }
    target = target.strip();
    if (target.startsWith("#") || target.indexOf('?') >= 0) {
      return null;
    }
    if (target.startsWith("urn:uuid:")) {
      String uuid = target.substring("urn:uuid:".length());
      return uuid.isBlank() || uuid.contains("/") ? null : uuid;
    }
    if (target.startsWith("urn:")) {
      return null;
    }
    IdType id = new IdType(target);
    String idPart = id.getIdPart();
    return expectedType.equals(id.getResourceType()) && idPart != null && !idPart.isBlank()
        ? idPart
        : null;
  }

  /** A contained resource ({@code #id}) of {@code holder}, or null. */
  static Resource contained(Resource holder, String target) {
    if (!(holder instanceof DomainResource domain) || !target.startsWith("#")) {
      return null;
    }
    String id = target.substring(1);
    for (Resource r : domain.getContained()) {
      String containedId = r.getIdElement().getIdPart();
      if (containedId != null && (containedId.equals(id) || containedId.equals(target))) {
        return r;
      }
    }
    return null;
  }

  private SourceResource byReference(String target, String expectedType, String element) {
    SourceResource found = byFullUrl.get(target);
    if (found != null) {
      return found;
    }
    int query = target.indexOf('?');
    if (query > 0) {
      return conditional(target, query, element);
    }
    if (target.startsWith("urn:uuid:")) {
      // Exported without their bundle (NDJSON), Synthea's resources keep urn:uuid references
      // whose uuid is the target's id; a uuid names one resource, so the match is safe.
      found = byTypeAndId.get(expectedType + "/" + target.substring("urn:uuid:".length()));
      if (found != null) {
        return found;
      }
    }
    IdType id = new IdType(target);
    String type = id.getResourceType();
    String idPart = id.getIdPart();
    if (type != null && idPart != null) {
      found = byTypeAndId.get(type + "/" + idPart);
      if (found != null) {
        return found;
      }
    }
    throw new IngestException(
        IngestErrorCode.FHIR_UNRESOLVED_REFERENCE,
        element + " '" + target + "' is not in this read");
  }

  private SourceResource conditional(String target, int query, String element) {
    String type = target.substring(0, query);
    String prefix = "identifier=";
    String params = target.substring(query + 1);
    if (!params.startsWith(prefix) || params.contains("&")) {
      throw new IngestException(
          IngestErrorCode.FHIR_UNRESOLVED_REFERENCE,
          element + " '" + target + "': only conditional references by one identifier resolve");
    }
    String token = URLDecoder.decode(params.substring(prefix.length()), StandardCharsets.UTF_8);
    int bar = token.indexOf('|');
    String system = bar < 0 ? null : token.substring(0, bar);
    String value = bar < 0 ? token : token.substring(bar + 1);
    return byIdentifier(type, system, value, element + " '" + target + "'");
  }

  /**
   * FHIR token search semantics: {@code value} matches any system, {@code system|value} that
   * system, {@code |value} identifiers without a system.
   */
  private SourceResource byIdentifier(String type, String system, String value, String what) {
    List<IndexedIdentifier> candidates =
        value == null ? List.of() : byIdentifierValue.getOrDefault(type + "|" + value, List.of());
    List<SourceResource> matches = new ArrayList<>();
    for (IndexedIdentifier candidate : candidates) {
      boolean systemMatches =
          system == null
              || (system.isEmpty()
                  ? candidate.system() == null
                  : system.equals(candidate.system()));
      if (systemMatches && !matches.contains(candidate.resource())) {
        matches.add(candidate.resource());
      }
    }
    if (matches.size() == 1) {
      return matches.get(0);
    }
    throw new IngestException(
        IngestErrorCode.FHIR_UNRESOLVED_REFERENCE,
        what
            + (matches.isEmpty()
                ? " is not in this read"
                : " matches " + matches.size() + " resources in this read"));
  }

  private static boolean hasIdentifier(Resource resource) {
    return identifiers(resource).stream().anyMatch(Identifier::hasValue);
  }

  private static List<Identifier> identifiers(Resource resource) {
    Base[] values;
    try {
      values = resource.getProperty("identifier".hashCode(), "identifier", false);
    } catch (FHIRException e) {
      return List.of();
    }
    if (values == null) {
      return List.of();
    }
    List<Identifier> identifiers = new ArrayList<>(values.length);
    for (Base value : values) {
      if (value instanceof Identifier identifier) {
        identifiers.add(identifier);
      }
    }
    return identifiers;
  }
}
