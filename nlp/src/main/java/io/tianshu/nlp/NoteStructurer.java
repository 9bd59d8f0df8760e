package io.tianshu.nlp;

import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.NoteFact;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.nlp.concept.NormalizedConcept;
import io.tianshu.nlp.pipeline.AnnotatedDocument;
import io.tianshu.nlp.pipeline.Entity;
import io.tianshu.nlp.pipeline.EntityFlag;
import io.tianshu.nlp.section.Section;
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
 * pipeline finds, with its concept, context flags, section and the time of its document.
 * Thread-safe.
 */
public final class NoteStructurer {

  /**
   * The version of Tianshu's lexicon and context rules that stored note facts name. Bump it with
   * every change that alters what is found or how it is flagged, so that facts written by an older
   * version can be found and rebuilt from their documents.
   */
  public static final String PIPELINE_VERSION = "tianshu-nlp-lexicon-2";

  private final ClinicalNlp nlp;
  private final String pipelineVersion;

  /** Tianshu's own lexicon and rules, as {@link #PIPELINE_VERSION}. */
  public NoteStructurer() {
    this(ClinicalNlp.lexiconOnly(), PIPELINE_VERSION);
  }

  /**
   * Another pipeline (a hospital's dictionaries, a trained model); {@code pipelineVersion} must
   * name it, since stored facts are told apart by it. Its value stage is not run: note facts are
   * entities.
   */
  public NoteStructurer(ClinicalNlp nlp, String pipelineVersion) {
    this.nlp = Objects.requireNonNull(nlp, "nlp").withoutValues();
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
    Map<Long, String> codes = codes(annotated);
    Set<String> ids = new HashSet<>();
    List<NoteFact> facts = new ArrayList<>();
    for (Entity e : annotated.get(Entity.LAYER)) {
      String id = doc.id() + ":" + e.start() + "-" + e.end();
      // A model and the lexicon may both report one span with different types.
      if (!ids.add(id)) {
        id = id + ":" + e.type();
        if (!ids.add(id)) {
          continue;
        }
      }
      facts.add(
          new NoteFact(
              id,
              doc.patientId(),
              doc.encounterId(),
              doc.id(),
              e.start(),
              e.end(),
              e.type(),
              e.surface(),
              concept(e, codes),
              e.is(EntityFlag.NEGATED),
              e.is(EntityFlag.UNCERTAIN),
              e.is(EntityFlag.HISTORICAL),
              e.is(EntityFlag.FAMILY),
              sectionName(sections, e.start()),
              doc.createdAt(),
              pipelineVersion));
    }
    return facts;
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
  private static String concept(Entity e, Map<Long, String> codes) {
    if (e.conceptCode() != null) {
      return e.conceptCode();
    }
    if (e.preferred() != null) {
      return e.preferred();
    }
    return codes.getOrDefault(span(e.start(), e.end()), e.surface());
  }

  private static Map<Long, String> codes(AnnotatedDocument annotated) {
    if (!annotated.has(NormalizedConcept.LAYER)) {
      return Map.of();
    }
    Map<Long, String> out = new HashMap<>();
    for (NormalizedConcept c : annotated.get(NormalizedConcept.LAYER)) {
      out.putIfAbsent(span(c.start(), c.end()), c.match().code());
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
