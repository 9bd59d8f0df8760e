package io.tianshu.nlp.section;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.nlp.ClinicalNlp;
import io.tianshu.nlp.Fixtures;
import io.tianshu.nlp.pipeline.AnnotatedDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

class SectionDetectorTest {

  private final ClinicalNlp nlp = ClinicalNlp.lexiconOnly();

  private List<Section> sections(String fixture) {
    AnnotatedDocument doc = nlp.annotate(Fixtures.text(fixture));
    return doc.get(Section.LAYER);
  }

  @Test
  void findsTheHeadingsOfAnAdmissionNote() {
    String text = Fixtures.text("/notes/admission-note.txt");
    List<Section> sections = sections("/notes/admission-note.txt");

    assertThat(sections)
        .extracting(Section::kind)
        .containsExactly(
            SectionKind.ADMISSION_NOTE,
            SectionKind.CHIEF_COMPLAINT,
            SectionKind.PRESENT_ILLNESS,
            SectionKind.PAST_HISTORY,
            SectionKind.PERSONAL_HISTORY,
            SectionKind.MARITAL_HISTORY,
            SectionKind.FAMILY_HISTORY,
            SectionKind.PHYSICAL_EXAM,
            SectionKind.AUXILIARY_EXAM,
            SectionKind.ADMISSION_DIAGNOSIS);
    Section past = sections.get(3);
    assertThat(text.substring(past.start(), past.end())).startsWith("既往史：高血压病10余年");
    assertThat(text.substring(past.start(), past.end()).strip()).endsWith("10年前行阑尾切除术。");
    // "否认糖尿病、冠心病病史" mentions 病史 but opens no section.
    assertThat(sections).extracting(Section::heading).doesNotContain("病史");
  }

  @Test
  void sectionsCoverTheTextInOrderWithoutOverlap() {
    List<Section> sections = sections("/notes/admission-note.txt");
    for (int i = 1; i < sections.size(); i++) {
      assertThat(sections.get(i).start()).isEqualTo(sections.get(i - 1).end());
    }
  }

  @Test
  void findsInlineAndEnumeratedHeadingsOfAProgressNote() {
    assertThat(sections("/notes/progress-note.txt"))
        .extracting(Section::kind)
        .containsExactly(
            SectionKind.PROGRESS_NOTE,
            SectionKind.CASE_FEATURES,
            SectionKind.PHYSICAL_EXAM,
            SectionKind.AUXILIARY_EXAM,
            SectionKind.DIAGNOSTIC_REASONING,
            SectionKind.DIAGNOSTIC_REASONING,
            SectionKind.PLAN);
  }

  @Test
  void findsTheHeadingsOfADischargeNote() {
    assertThat(sections("/notes/discharge-note.txt"))
        .extracting(Section::heading)
        .containsExactly("出院记录", "入院情况", "入院诊断", "诊疗经过", "出院情况", "出院诊断", "出院医嘱");
  }

  @Test
  void variantSpellingsMapToOneKind() {
    assertThat(nlp.annotate("既往病史：体健。\n【家族史】无特殊").get(Section.LAYER))
        .extracting(Section::kind)
        .containsExactly(SectionKind.PAST_HISTORY, SectionKind.FAMILY_HISTORY);
  }
}
