package io.tianshu.nlp.tagger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tianshu.nlp.ClinicalNlp;
import io.tianshu.nlp.eval.CcksCorpus;
import io.tianshu.nlp.eval.CcksDocument;
import io.tianshu.nlp.eval.CcksEntity;
import io.tianshu.nlp.eval.Evaluation;
import io.tianshu.nlp.eval.EvaluationResult;
import io.tianshu.nlp.eval.SharedData;
import io.tianshu.nlp.lexicon.Lexicon;
import io.tianshu.nlp.pipeline.AnnotatedDocument;
import io.tianshu.nlp.pipeline.Entity;
import io.tianshu.nlp.pipeline.EntityFlag;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerceptronTaggerTest {

  private static List<CcksDocument> toy() throws Exception {
    return CcksCorpus.read(
        Path.of(PerceptronTaggerTest.class.getResource("/ccks/toy.jsonl").toURI()));
  }

  @Test
  void learnsItsTrainingDocuments() throws Exception {
    List<CcksDocument> docs = toy();
    // Twenty epochs: six notes give few characters a cluster (most are seen under three times), and
    // the shared "no cluster" features slow the fit of so small a corpus.
    PerceptronTagger tagger =
        PerceptronTagger.train(docs, TrainOptions.defaults().withEpochs(20).withHashBits(16));

    EvaluationResult r = Evaluation.run(docs, tagger);

    assertThat(r.strict().f1()).isGreaterThanOrEqualTo(0.9);
    assertThat(tagger.labels())
        .containsExactlyInAnyOrder("影像检查", "手术", "疾病和诊断", "药物", "实验室检验", "解剖部位")
        .isSortedAccordingTo(String::compareTo);
  }

  @Test
  void savedModelTagsExactlyLikeTheOriginal(@TempDir Path dir) throws Exception {
    List<CcksDocument> docs = toy();
    PerceptronTagger tagger =
        PerceptronTagger.train(docs, TrainOptions.defaults().withEpochs(5).withHashBits(16));
    Path file = dir.resolve("model.bin");

    tagger.save(file);
    PerceptronTagger loaded = PerceptronTagger.load(file);

    for (CcksDocument d : docs) {
      assertThat(loaded.recognize(d.text())).isEqualTo(tagger.recognize(d.text()));
    }
    assertThat(loaded.labels()).isEqualTo(tagger.labels());
    assertThat(loaded.recognize("")).isEmpty();
    assertThat(versionOf(file)).isEqualTo(3);
    assertThat(ClinicalNlp.withModel(file).annotate(docs.get(0).text()).get(Entity.LAYER))
        .extracting(Entity::source)
        .contains("tagger");
  }

  @Test
  void decodedSpansAreWellFormed() throws Exception {
    PerceptronTagger tagger =
        PerceptronTagger.train(toy(), TrainOptions.defaults().withEpochs(3).withHashBits(16));
    String text = "\uD83D\uDE00胆囊结石\u0000右肺上叶ＣＴ，" + "腹".repeat(50);

    for (CcksEntity e : tagger.recognize(text)) {
      assertThat(e.end()).isGreaterThan(e.start()).isLessThanOrEqualTo(text.length());
    }
  }

  @Test
  void modelPlugsIntoThePipelineWithContext() throws Exception {
    PerceptronTagger tagger =
        PerceptronTagger.train(toy(), TrainOptions.defaults().withEpochs(10).withHashBits(16));
    ClinicalNlp nlp = ClinicalNlp.withModel(Lexicon.bundled(), tagger);

    AnnotatedDocument doc = nlp.annotate("既往史：10年前因胆囊结石行腹腔镜胆囊切除术，术后咳嗽。");
    List<Entity> entities = doc.get(Entity.LAYER);

    assertThat(entities)
        .filteredOn(e -> e.source().equals("tagger") && e.surface().equals("腹腔镜胆囊切除术"))
        .singleElement()
        .satisfies(e -> assertThat(e.is(EntityFlag.HISTORICAL)).isTrue());
    // Lexicon entities survive only where the model found nothing.
    List<Entity> fromTagger = entities.stream().filter(e -> e.source().equals("tagger")).toList();
    assertThat(entities)
        .filteredOn(e -> e.source().equals("lexicon"))
        .allSatisfy(
            lex ->
                assertThat(fromTagger)
                    .noneMatch(t -> t.start() < lex.end() && lex.start() < t.end()));
  }

  @Test
  void aVersionOneModelWithoutClustersStillLoads(@TempDir Path dir) throws Exception {
    // The layout of a model written before character clusters: magic, version 1, hash bits,
    // labels, dictionary channels, transitions, then weight rows (none here) and the end marker.
    Path file = dir.resolve("v1.bin");
    try (DataOutputStream out =
        new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(file)))) {
      out.writeInt(0x54534E50);
      out.writeInt(1);
      out.writeInt(10);
      out.writeInt(1);
      out.writeUTF("疾病和诊断");
      out.writeInt(2);
      out.writeInt(-1);
      out.writeInt(1);
      out.writeUTF("胆囊结石");
      out.writeUTF("疾病和诊断");
      for (int i = 0; i < 5 * 5; i++) {
        out.writeFloat(0f);
      }
      out.writeByte(0);
    }

    PerceptronTagger loaded = PerceptronTagger.load(file);

    assertThat(loaded.labels()).containsExactly("疾病和诊断");
    // All weights zero: every tag scores alike, and the decoder still returns well-formed spans.
    assertThat(loaded.recognize("患者因胆囊结石入院"))
        .allSatisfy(e -> assertThat(e.end()).isLessThanOrEqualTo(9));
  }

  @Test
  void aVersionTwoModelStillLoads(@TempDir Path dir) throws Exception {
    // Version 2 adds a clusters flag (and the clusters) after the dictionary channels; version 3
    // keeps the layout and changes only the features, so a version-2 file must load as it was.
    Path file = dir.resolve("v2.bin");
    try (DataOutputStream out =
        new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(file)))) {
      out.writeInt(0x54534E50);
      out.writeInt(2);
      out.writeInt(10);
      out.writeInt(1);
      out.writeUTF("手术");
      out.writeInt(2);
      out.writeInt(-1);
      out.writeInt(-1);
      out.writeBoolean(false);
      for (int i = 0; i < 5 * 5; i++) {
        out.writeFloat(0f);
      }
      out.writeByte(0);
    }

    PerceptronTagger loaded = PerceptronTagger.load(file);
    loaded.save(dir.resolve("again.bin"));

    assertThat(loaded.labels()).containsExactly("手术");
    assertThat(versionOf(dir.resolve("again.bin"))).isEqualTo(2);
  }

  @Test
  void aModelOfANewerVersionIsRefusedByName(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("v9.bin");
    try (DataOutputStream out =
        new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(file)))) {
      out.writeInt(0x54534E50);
      out.writeInt(9);
    }

    assertThatThrownBy(() -> PerceptronTagger.load(file))
        .hasMessageContaining("version 9")
        .hasMessageContaining("newer Tianshu");
  }

  private static int versionOf(Path model) throws Exception {
    try (DataInputStream in =
        new DataInputStream(new GZIPInputStream(Files.newInputStream(model)))) {
      in.readInt();
      return in.readInt();
    }
  }

  @Test
  void clustersAreLearntFromUnlabeledNotesToo() throws Exception {
    List<CcksDocument> docs = toy();
    TrainOptions options = TrainOptions.defaults().withEpochs(3).withHashBits(16);
    // Unlabeled notes that mention 阑尾炎 like the toy corpus mentions 胆囊结石.
    List<String> notes = java.util.Collections.nCopies(5, "患者因阑尾炎行阑尾切除术，术后予头孢呋辛抗感染。");

    PerceptronTagger without = PerceptronTagger.train(docs, options.withClusters(false));
    PerceptronTagger with = PerceptronTagger.train(docs, options);
    PerceptronTagger more = PerceptronTagger.train(docs, options.withUnlabeled(notes));

    String text = "患者因阑尾炎行阑尾切除术。";
    // Same training documents: the clusters change the tagging, and so do the unlabeled notes
    // they are learnt from. (Without clusters and with the notes' clusters may both be right.)
    assertThat(with.recognize(text)).isNotEqualTo(without.recognize(text));
    assertThat(more.recognize(text)).isNotEqualTo(with.recognize(text));
  }

  /**
   * A quick real train-and-evaluate: 200 training documents and 50 held-out documents of CCKS 2019,
   * read in place from the shared data. The floor is the figure observed when this test was written
   * minus a margin for hashing and ordering changes; the full-corpus figures are in nlp/README.md.
   */
  @Test
  void ccks2019SliceReachesItsFloor() {
    Path file = SharedData.require("nlp/ccks2019/train.jsonl");
    CcksCorpus.Split split = CcksCorpus.split(CcksCorpus.read(file), 5);
    List<CcksDocument> train = split.train().subList(0, 200);
    List<CcksDocument> held = split.heldOut().subList(0, 50);

    PerceptronTagger tagger = PerceptronTagger.train(train, TrainOptions.defaults().withEpochs(8));
    EvaluationResult r = Evaluation.run(held, tagger);

    System.out.println("CCKS 2019 slice 200/50: " + r.strict() + " relaxed " + r.relaxed());
    assertThat(r.strict().f1()).isGreaterThanOrEqualTo(SLICE_FLOOR);
  }

  // Observed 0.773 strict F1 (2026-11-25, 8 epochs), 0.788 with character clusters of the
  // training texts, 0.786 with model version 3 (its gains need more than 200 documents); the
  // margin absorbs hashing and shuffle changes.
  static final double SLICE_FLOOR = 0.72;
}
