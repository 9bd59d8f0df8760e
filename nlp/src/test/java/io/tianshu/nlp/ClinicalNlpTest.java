package io.tianshu.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.nlp.concept.ConceptVocabulary;
import io.tianshu.nlp.concept.NormalizedConcept;
import io.tianshu.nlp.lexicon.Lexicon;
import io.tianshu.nlp.lexicon.LexiconStage;
import io.tianshu.nlp.pipeline.AnnotatedDocument;
import io.tianshu.nlp.pipeline.Entity;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClinicalNlpTest {

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(ClinicalNlpTest.class.getResource(name).toURI());
  }

  private static ConceptVocabulary hospitalVocabulary() throws URISyntaxException {
    return ConceptVocabulary.read(resource("/concept/hospital-vocabulary.tsv"));
  }

  /** surface/type/concept of each entity, in text order. */
  private static List<String> entities(AnnotatedDocument doc) {
    List<String> out = new ArrayList<>();
    for (Entity e : doc.get(Entity.LAYER)) {
      out.add(
          e.surface()
              + "/"
              + e.type()
              + "/"
              + (e.conceptCode() != null ? e.conceptCode() : e.preferred()));
    }
    return out;
  }

  /** surface=system:code kind of each coded entity. */
  private static List<String> codes(AnnotatedDocument doc) {
    List<String> out = new ArrayList<>();
    for (NormalizedConcept c : doc.get(NormalizedConcept.LAYER)) {
      out.add(
          c.surface() + "=" + c.match().system() + ":" + c.match().code() + " " + c.match().kind());
    }
    return out;
  }

  @Test
  void aVocabularyFindsTheTermsTheLexiconDoesNotKnow() throws Exception {
    String text = "诊断：肝豆状核变性，结节性硬化症。";

    // Coding alone finds nothing to code: the lexicon knows neither disease.
    AnnotatedDocument coded =
        ClinicalNlp.lexiconOnly().withConcepts(hospitalVocabulary()).annotate(text);
    assertThat(coded.get(Entity.LAYER)).noneMatch(e -> e.type().equals("disease"));

    AnnotatedDocument found =
        ClinicalNlp.lexiconOnly().withVocabulary(hospitalVocabulary()).annotate(text);
    assertThat(entities(found)).containsExactly("肝豆状核变性/disease/E83.0", "结节性硬化症/disease/Q85.1");
    assertThat(codes(found))
        .containsExactly("肝豆状核变性=icd10:E83.0 EXACT", "结节性硬化症=icd10:Q85.1 EXACT");
  }

  @Test
  void icd9cm3TermsAreOperationsAndSynonymsAreFoundToo() throws Exception {
    ClinicalNlp nlp = ClinicalNlp.lexiconOnly().withVocabulary(hospitalVocabulary());

    AnnotatedDocument doc = nlp.annotate("患者Wilson病10年。于2025-03-02行经皮肾镜钬激光碎石术，术后恢复可。");

    assertThat(entities(doc)).contains("Wilson病/disease/E83.0", "经皮肾镜钬激光碎石术/operation/55.04");
    assertThat(codes(doc))
        .containsExactly("Wilson病=icd10:E83.0 SYNONYM", "经皮肾镜钬激光碎石术=icd9cm3:55.04 SYNONYM");
  }

  @Test
  void theLongestMatchWinsBetweenLexiconAndVocabulary() throws Exception {
    ClinicalNlp nlp = ClinicalNlp.lexiconOnly().withVocabulary(hospitalVocabulary());

    // The vocabulary's longer term takes the place of the lexicon's 急性阑尾炎 and 腹膜炎; it keeps the
    // concept of the first (阑尾炎), and the concept stage codes it K35.3. Where it is not written the
    // lexicon's term stays.
    AnnotatedDocument whole = nlp.annotate("诊断：急性阑尾炎伴局限性腹膜炎");
    assertThat(entities(whole)).containsExactly("急性阑尾炎伴局限性腹膜炎/disease/阑尾炎");
    assertThat(codes(whole)).containsExactly("急性阑尾炎伴局限性腹膜炎=icd10:K35.3 EXACT");
    assertThat(entities(nlp.annotate("诊断：急性阑尾炎"))).containsExactly("急性阑尾炎/disease/阑尾炎");
    // The lexicon's longer term wins over a vocabulary term inside it.
    assertThat(entities(nlp.annotate("诊断：糖尿病酮症酸中毒")).get(0))
        .startsWith("糖尿病酮症酸中毒/disease/")
        .doesNotContain("E14.1");
    AnnotatedDocument ketosis = nlp.annotate("诊断：糖尿病酮症");
    assertThat(entities(ketosis)).containsExactly("糖尿病酮症/disease/糖尿病");
    assertThat(codes(ketosis)).containsExactly("糖尿病酮症=icd10:E14.1 EXACT");
  }

  @Test
  void aVocabularyCodeTheLexiconKnowsKeepsTheLexiconsConcept() throws Exception {
    ClinicalNlp nlp = ClinicalNlp.lexiconOnly().withVocabulary(hospitalVocabulary());

    // 下肢DVT is the hospital's name of I80.2, whose display the lexicon has as a synonym of
    // 深静脉血栓形成 (code I80.2): it joins that concept, which the VTE knowledge names.
    AnnotatedDocument doc = nlp.annotate("既往下肢DVT病史。");

    assertThat(doc.get(Entity.LAYER))
        .filteredOn(e -> e.type().equals("disease"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.surface()).isEqualTo("下肢DVT");
              assertThat(e.preferred()).isEqualTo("深静脉血栓形成");
              assertThat(e.conceptCode()).isEqualTo("I80.2");
            });
  }

  @Test
  void aHistoryTermLeavesTheConditionAndItsCueToTheLexicon() throws Exception {
    ClinicalNlp nlp = ClinicalNlp.lexiconOnly().withVocabulary(hospitalVocabulary());

    // Z86.7 深静脉血栓形成个人史 found whole would hide the 个人史 that makes the thrombosis historical.
    AnnotatedDocument doc = nlp.annotate("患者有深静脉血栓形成个人史。");

    assertThat(doc.get(Entity.LAYER))
        .filteredOn(e -> e.type().equals("disease"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.surface()).isEqualTo("深静脉血栓形成");
              assertThat(e.flags()).contains(io.tianshu.nlp.pipeline.EntityFlag.HISTORICAL);
            });
  }

  @Test
  void oneCharacterTermsAndOtherSystemsDoNotJoinTheMatcher() throws Exception {
    ClinicalNlp nlp = ClinicalNlp.lexiconOnly().withVocabulary(hospitalVocabulary());

    AnnotatedDocument doc = nlp.annotate("足癣10年。葡萄糖测定5.6mmol/L。");

    assertThat(doc.get(Entity.LAYER)).noneMatch(e -> e.surface().equals("癣"));
    assertThat(doc.get(Entity.LAYER)).noneMatch(e -> e.surface().equals("葡萄糖测定"));
  }

  @Test
  void withoutAVocabularyTermTheEntitiesAreTheLexiconsOwn() throws Exception {
    String note = Fixtures.text("/notes/admission-note.txt");
    ClinicalNlp plain = ClinicalNlp.lexiconOnly();
    ClinicalNlp withVocabulary = plain.withVocabulary(hospitalVocabulary());

    assertThat(entities(withVocabulary.annotate(note))).isEqualTo(entities(plain.annotate(note)));
    assertThat(withVocabulary.lexicon().size()).isGreaterThan(plain.lexicon().size());
    assertThat(withVocabulary.pipeline().stages())
        .filteredOn(s -> s instanceof LexiconStage)
        .hasSize(1);
  }

  @Test
  void aUserDictionaryIsFoundWithTheLongestMatch() throws Exception {
    Lexicon lexicon =
        Lexicon.bundled().plusFile(resource("/dictionary/hospital-diseases.tsv"), "disease");
    ClinicalNlp nlp = ClinicalNlp.withLexicon(lexicon);

    // The bundled 胰腺炎 and 脑炎 are inside the dictionary's terms; the longer terms win.
    assertThat(entities(nlp.annotate("诊断：1.IgG4相关性胰腺炎 2.抗NMDA受体脑炎")))
        .containsExactly("IgG4相关性胰腺炎/disease/自身免疫性胰腺炎", "抗NMDA受体脑炎/disease/抗NMDA受体脑炎");
    assertThat(entities(nlp.annotate("诊断：胰腺炎"))).containsExactly("胰腺炎/disease/胰腺炎");
  }
}
