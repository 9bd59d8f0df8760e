package io.tianshu.nlp;

import io.tianshu.core.code.Code;
import io.tianshu.core.code.CodeSystem;
import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.NoteFact;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.core.record.VitalType;
import io.tianshu.nlp.concept.ConceptMatch;
import io.tianshu.nlp.concept.NormalizedConcept;
import io.tianshu.nlp.pipeline.AnnotatedDocument;
import io.tianshu.nlp.pipeline.Entity;
import io.tianshu.nlp.pipeline.EntityFlag;
import io.tianshu.nlp.section.Section;
import io.tianshu.nlp.value.MentionValue;
import io.tianshu.nlp.value.Value;
import io.tianshu.nlp.value.ValueLinker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a patient's clinical documents into {@link NoteFact}s for the CDR: every entity the
 * pipeline finds, with its concept, context flags, section, the time of its document and the value
 * the note gives for it ({@link ValueLinker}), the code the pipeline's vocabulary gives it ({@link
 * ClinicalNlp#withConcepts}), and every vital sign (type {@code vital}, concept and code its LOINC
 * code). Thread-safe.
 */
public final class NoteStructurer {

  /**
   * The version of Tianshu's lexicon and context rules that stored note facts name. Bump it with
   * every change that alters what is found or how it is flagged, so that facts written by an older
   * version can be found and rebuilt from their documents.
   */
  public static final String PIPELINE_VERSION = "tianshu-nlp-lexicon-4";

  /** The type of the facts that are vital signs; their concept is a LOINC code. */
  public static final String VITAL_SIGN = "vital";

  private final ClinicalNlp nlp;
  private final String pipelineVersion;

  /** Tianshu's own lexicon and rules, as {@link #PIPELINE_VERSION}. */
  public NoteStructurer() {
    this(ClinicalNlp.lexiconOnly(), PIPELINE_VERSION);
  }

  /**
   * Another pipeline (a hospital's dictionaries, a trained model); {@code pipelineVersion} must
   * name it, since stored facts are told apart by it. Without a value stage ({@link
   * ClinicalNlp#withoutValues()}) the facts have no values and there are no vital signs.
   */
  public NoteStructurer(ClinicalNlp nlp, String pipelineVersion) {
    this.nlp = Objects.requireNonNull(nlp, "nlp");
    this.pipelineVersion = Objects.requireNonNull(pipelineVersion, "pipelineVersion");
    if (pipelineVersion.isBlank()) {
      throw new IllegalArgumentException("pipelineVersion is blank");
    }
  }

  /** The pipeline version these facts carry. */
  public String pipelineVersion() {
    return pipelineVersion;
  }

  /** The facts of one document, in text order. */
  public List<NoteFact> structure(ClinicalDocument doc) {
    AnnotatedDocument annotated = nlp.annotate(doc.text());
    List<Section> sections = annotated.get(Section.LAYER);
    Map<Long, ConceptMatch> codes = codes(annotated);
    ValueLinker.Links links =
        annotated.has(Value.LAYER)
            ? ValueLinker.link(annotated)
            : new ValueLinker.Links(Map.of(), Map.of());
    List<Entity> entities = annotated.get(Entity.LAYER);
    List<Map.Entry<Value, MentionValue>> vitals = List.copyOf(links.vitalSigns().entrySet());
    Set<String> ids = new HashSet<>();
    List<NoteFact> facts = new ArrayList<>();
    int v = 0;
    for (int i = 0; i <= entities.size(); i++) {
      // Vital signs go in text order among the entities, after an entity at the same offset.
      int until = i < entities.size() ? entities.get(i).start() : Integer.MAX_VALUE;
      for (; v < vitals.size() && vitals.get(v).getKey().start() < until; v++) {
        Value vital = vitals.get(v).getKey();
        String id = uniqueId(ids, doc.id() + ":" + vital.start() + "-" + vital.end(), VITAL_SIGN);
        if (id != null) {
          facts.add(
              fact(
                  doc,
                  id,
                  vital.start(),
                  vital.end(),
                  VITAL_SIGN,
                  vital.surface(),
                  loinc(vital.name()).code(),
                  Set.of(),
                  sections,
                  vitals.get(v).getValue(),
                  loinc(vital.name())));
        }
      }
      if (i == entities.size()) {
        break;
      }
      Entity e = entities.get(i);
      String id = uniqueId(ids, doc.id() + ":" + e.start() + "-" + e.end(), e.type());
      if (id != null) {
        facts.add(
            fact(
                doc,
                id,
                e.start(),
                e.end(),
                e.type(),
                e.surface(),
                concept(e, codes),
                e.flags(),
                sections,
                links.byEntity().get(e),
                code(codes.get(span(e.start(), e.end())))));
      }
    }
    return facts;
  }

  /**
   * {@code id}, or {@code id:type} when a model and the lexicon both report one span with different
   * types; null when that is taken too.
   */
  private static String uniqueId(Set<String> ids, String id, String type) {
    if (ids.add(id)) {
      return id;
    }
    String typed = id + ":" + type;
    return ids.add(typed) ? typed : null;
  }

  private NoteFact fact(
      ClinicalDocument doc,
      String id,
      int start,
      int end,
      String type,
      String surface,
      String concept,
      Set<EntityFlag> flags,
      List<Section> sections,
      MentionValue value,
      Code code) {
    return new NoteFact(
        id,
        doc.patientId(),
        doc.encounterId(),
        doc.id(),
        start,
        end,
        type,
        surface,
        concept,
        flags.contains(EntityFlag.NEGATED),
        flags.contains(EntityFlag.UNCERTAIN),
        flags.contains(EntityFlag.HISTORICAL),
        flags.contains(EntityFlag.FAMILY),
        sectionName(sections, start),
        doc.createdAt(),
        pipelineVersion,
        value == null ? null : value.text(),
        value == null ? null : value.number(),
        value == null ? null : value.unit(),
        code);
  }

  private static Code code(ConceptMatch match) {
    return match == null
        ? null
        : Code.of(CodeSystem.fromId(match.system()), match.code(), match.display());
  }

  /**
   * The LOINC code of a vital sign the value stage names, as the structured vital signs carry it
   * ({@link VitalType}); a blood pressure is the panel of both (85354-9), as one mention states
   * both.
   */
  private static Code loinc(String vitalName) {
    return switch (vitalName) {
      case "T" -> loinc(VitalType.TEMPERATURE);
      case "P", "HR" -> loinc(VitalType.PULSE);
      case "R" -> loinc(VitalType.RESPIRATORY_RATE);
      case "SpO2" -> loinc(VitalType.SPO2);
      case "BP" -> Code.of(CodeSystem.LOINC, "85354-9", "血压");
      default -> throw new IllegalStateException("no LOINC code for vital sign " + vitalName);
    };
  }

  private static Code loinc(VitalType type) {
    return Code.of(CodeSystem.LOINC, type.loinc(), type.chinese());
  }

  /**
   * {@code record} with the facts of all its documents as its note facts, replacing any it had.
   * Documents are read in the order the store keeps them (by creation time, ties in record order),
   * so a record read back from the store equals the one written.
   */
  public PatientRecord structure(PatientRecord record) {
    List<ClinicalDocument> documents = new ArrayList<>(record.documents());
    documents.sort(Comparator.comparing(ClinicalDocument::createdAt));
    List<NoteFact> facts = new ArrayList<>();
    for (ClinicalDocument doc : documents) {
      facts.addAll(structure(doc));
    }
    return record.withNoteFacts(facts);
  }

  // A code is the more stable name (the lexicon's preferred terms may be reworded). A lexicon
  // concept without a code keeps its preferred term even when the vocabulary has a code for it: the
  // decision-support knowledge names those terms (cds knowledge/vte/findings.yaml: 肺炎, 髋部骨折).
  // A tagger's entity has no lexicon concept; its code from the hospital's vocabulary, if the
  // pipeline has a concept stage, else its surface, is all there is.
  private static String concept(Entity e, Map<Long, ConceptMatch> codes) {
    if (e.conceptCode() != null) {
      return e.conceptCode();
    }
    if (e.preferred() != null) {
      return e.preferred();
    }
    ConceptMatch match = codes.get(span(e.start(), e.end()));
    return match == null ? e.surface() : match.code();
  }

  private static Map<Long, ConceptMatch> codes(AnnotatedDocument annotated) {
    if (!annotated.has(NormalizedConcept.LAYER)) {
      return Map.of();
    }
    Map<Long, ConceptMatch> out = new HashMap<>();
    for (NormalizedConcept c : annotated.get(NormalizedConcept.LAYER)) {
      out.putIfAbsent(span(c.start(), c.end()), c.match());
    }
    return out;
  }

  private static long span(int start, int end) {
    return ((long) start << 32) | end;
  }

  private static String sectionName(List<Section> sections, int offset) {
    for (Section s : sections) {
      if (s.contains(offset)) {
        return s.kind().name();
      }
    }
    return null;
  }
}
