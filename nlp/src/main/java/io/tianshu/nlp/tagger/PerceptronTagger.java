package io.tianshu.nlp.tagger;

import io.tianshu.nlp.eval.CcksDocument;
import io.tianshu.nlp.eval.CcksEntity;
import io.tianshu.nlp.eval.EntityRecognizer;
import io.tianshu.nlp.lexicon.Lexicon;
import io.tianshu.nlp.lexicon.LexiconEntry;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A character-level named-entity tagger: averaged structured perceptron over BIOES tags with hashed
 * character n-gram, character-type, dictionary, dictionary-context and character-cluster features,
 * decoded by Viterbi under tag-transition constraints. Trained by a hospital on its own annotated
 * notes; immutable once trained or loaded, so one instance can tag from many threads.
 */
public final class PerceptronTagger implements EntityRecognizer {

  private static final int MAGIC = 0x54534E50; // "TSNP"
  // Version 2 adds the character clusters; version 3 the dictionary-context features and the
  // closing of half-open brackets, in the same file layout as version 2. Older models still load
  // and tag exactly as before.
  private static final int VERSION = 3;

  private final int version;
  private final TagScheme scheme;
  private final int bits;
  private final float[] weights; // bucket * tags + tag
  private final float[] transitions; // prev * tags + next
  private final Lexicon[] channels; // 0: general lexicon, 1: training gazetteer; either may be null
  private final CharacterClusters clusters; // null when trained without
  private final FeatureExtractor features;

  private PerceptronTagger(
      int version,
      TagScheme scheme,
      int bits,
      float[] weights,
      float[] transitions,
      Lexicon[] channels,
      CharacterClusters clusters) {
    this.version = version;
    this.scheme = scheme;
    this.bits = bits;
    this.weights = weights;
    this.transitions = transitions;
    this.channels = channels;
    this.clusters = clusters;
    this.features = new FeatureExtractor(bits, channels, clusters, version >= 3);
  }

  /** The labels this tagger assigns, e.g. the six CCKS 2019 labels. */
  public List<String> labels() {
    return scheme.labels;
  }

  /**
   * Trains a tagger on {@code docs}. Labels are taken from the documents; nested or overlapping
   * gold entities keep the first (leftmost, then longest) one, as BIOES cannot encode nesting.
   */
  public static PerceptronTagger train(List<CcksDocument> docs, TrainOptions options) {
    List<String> labels =
        List.copyOf(
            docs.stream()
                .flatMap(d -> d.entities().stream())
                .map(CcksEntity::label)
                .collect(Collectors.toCollection(TreeSet::new)));
    TagScheme scheme = new TagScheme(labels);
    int tags = scheme.size;
    Lexicon gazetteer = options.trainingGazetteer() ? gazetteer(docs, -1, 0) : null;
    Lexicon[] channels = {options.lexicon(), gazetteer};
    CharacterClusters clusters = null;
    if (options.clusters()) {
      List<String> texts = new ArrayList<>(options.unlabeled());
      docs.forEach(d -> texts.add(d.text()));
      clusters = CharacterClusters.learn(texts, options.seed());
    }
    FeatureExtractor fx = new FeatureExtractor(options.hashBits(), channels, clusters, true);

    // Precompute features and gold tags once; with the gazetteer on, each document sees the
    // gazetteer
    // of the other folds only (jackknifing), because at tagging time most entities are not in it
    // either.
    int folds = 5;
    Lexicon[] foldGazetteers = new Lexicon[folds];
    if (gazetteer != null) {
      for (int f = 0; f < folds; f++) {
        foldGazetteers[f] = gazetteer(docs, f, folds);
      }
    }
    List<FeatureExtractor.Features> feats = new ArrayList<>(docs.size());
    List<int[]> gold = new ArrayList<>(docs.size());
    List<int[]> chunks = new ArrayList<>(); // {doc, start, end}
    for (int d = 0; d < docs.size(); d++) {
      CcksDocument doc = docs.get(d);
      Lexicon[] override =
          gazetteer == null ? null : new Lexicon[] {options.lexicon(), foldGazetteers[d % folds]};
      feats.add(fx.extract(doc.text(), override));
      int[] g = goldTags(doc, scheme);
      gold.add(g);
      for (int[] c : chunk(doc.text(), g, scheme)) {
        chunks.add(new int[] {d, c[0], c[1]});
      }
    }

    // Several perceptrons, each on its own order of the chunks, averaged into one weight vector:
    // nearly what a vote of the same models gains, at the tagging cost of one model.
    float[] w = new float[(1 << options.hashBits()) * tags];
    float[] tr = new float[tags * tags];
    for (int run = 0; run < options.runs(); run++) {
      float[][] trained = trainRun(scheme, feats, gold, chunks, options, options.seed() + run);
      for (int i = 0; i < w.length; i++) {
        w[i] += trained[0][i] / options.runs();
      }
      for (int i = 0; i < tr.length; i++) {
        tr[i] += trained[1][i] / options.runs();
      }
    }
    return new PerceptronTagger(VERSION, scheme, options.hashBits(), w, tr, channels, clusters);
  }

  /** One averaged perceptron; returns its weights and transitions. */
  private static float[][] trainRun(
      TagScheme scheme,
      List<FeatureExtractor.Features> feats,
      List<int[]> gold,
      List<int[]> allChunks,
      TrainOptions options,
      long seed) {
    List<int[]> chunks = new ArrayList<>(allChunks);
    int tags = scheme.size;
    float[] w = new float[(1 << options.hashBits()) * tags];
    float[] u = new float[w.length]; // sum of step * update, for averaging
    float[] tr = new float[tags * tags];
    float[] tru = new float[tr.length];
    long step = 1;
    Random random = new Random(seed);
    Decoder decoder = new Decoder(scheme);
    for (int epoch = 0; epoch < options.epochs(); epoch++) {
      Collections.shuffle(chunks, random);
      for (int[] chunk : chunks) {
        FeatureExtractor.Features f = feats.get(chunk[0]);
        int[] g = gold.get(chunk[0]);
        int[] pred = decoder.decode(f, chunk[1], chunk[2], w, tr);
        int s = chunk[1];
        for (int i = 0; i < pred.length; i++) {
          int gt = g[s + i];
          int pt = pred[i];
          if (gt != pt) {
            for (int k = f.offsets()[s + i]; k < f.offsets()[s + i + 1]; k++) {
              int base = f.ids()[k] * tags;
              w[base + gt] += 1;
              u[base + gt] += step;
              w[base + pt] -= 1;
              u[base + pt] -= step;
            }
          }
          if (i > 0) {
            int gp = g[s + i - 1];
            int pp = pred[i - 1];
            if (gp != pp || gt != pt) {
              tr[gp * tags + gt] += 1;
              tru[gp * tags + gt] += step;
              tr[pp * tags + pt] -= 1;
              tru[pp * tags + pt] -= step;
            }
          }
        }
        step++;
      }
    }
    // Averaged weights w - u/step: the mean of the weight vectors after every update (Collins
    // 2002).
    for (int i = 0; i < w.length; i++) {
      w[i] -= u[i] / step;
    }
    for (int i = 0; i < tr.length; i++) {
      tr[i] -= tru[i] / step;
    }
    return new float[][] {w, tr};
  }

  @Override
  public List<CcksEntity> recognize(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    FeatureExtractor.Features f = features.extract(text, null);
    int[] tags = new int[text.length()];
    Decoder decoder = new Decoder(scheme);
    for (int[] c : chunk(text, null, scheme)) {
      int[] part = decoder.decode(f, c[0], c[1], weights, transitions);
      System.arraycopy(part, 0, tags, c[0], part.length);
    }
    List<CcksEntity> spans = spans(tags);
    return version >= 3 ? BracketPairs.close(text, spans) : spans;
  }

  /** Writes the model as gzipped binary: header, labels, dictionaries, non-zero weight rows. */
  public void save(Path file) {
    try (DataOutputStream out =
        new DataOutputStream(
            new BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)))) {
      out.writeInt(MAGIC);
      out.writeInt(version);
      out.writeInt(bits);
      out.writeInt(scheme.labels.size());
      for (String l : scheme.labels) {
        out.writeUTF(l);
      }
      out.writeInt(channels.length);
      for (Lexicon lex : channels) {
        out.writeInt(lex == null ? -1 : lex.size());
        if (lex != null) {
          for (LexiconEntry e : lex.entries()) {
            out.writeUTF(e.term());
            out.writeUTF(e.type());
          }
        }
      }
      out.writeBoolean(clusters != null);
      if (clusters != null) {
        clusters.write(out);
      }
      int tags = scheme.size;
      for (float t : transitions) {
        out.writeFloat(t);
      }
      int buckets = weights.length / tags;
      int previous = -1;
      for (int b = 0; b < buckets; b++) {
        if (!zeroRow(b, tags)) {
          writeVarInt(out, b - previous);
          previous = b;
          for (int t = 0; t < tags; t++) {
            out.writeFloat(weights[b * tags + t]);
          }
        }
      }
      writeVarInt(out, 0); // end marker: deltas are always >= 1
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a model written by {@link #save(Path)}. */
  public static PerceptronTagger load(Path file) {
    try (DataInputStream in =
        new DataInputStream(
            new BufferedInputStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16)))) {
      int version = in.readInt() == MAGIC ? in.readInt() : -1;
      if (version > VERSION) {
        throw new IOException(
            file
                + " is a perceptron model of version "
                + version
                + ", written by a newer Tianshu; this one reads versions 1 to "
                + VERSION);
      }
      if (version < 1) {
        throw new IOException(
            file + " is not a Tianshu perceptron model (versions 1 to " + VERSION + ")");
      }
      int bits = in.readInt();
      int nLabels = in.readInt();
      List<String> labels = new ArrayList<>();
      for (int i = 0; i < nLabels; i++) {
        labels.add(in.readUTF());
      }
      Lexicon[] channels = new Lexicon[in.readInt()];
      for (int c = 0; c < channels.length; c++) {
        int n = in.readInt();
        if (n >= 0) {
          List<LexiconEntry> entries = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            String term = in.readUTF();
            String type = in.readUTF();
            entries.add(new LexiconEntry(term, type, term, null));
          }
          channels[c] = Lexicon.of(entries);
        }
      }
      CharacterClusters clusters =
          version >= 2 && in.readBoolean() ? CharacterClusters.read(in) : null;
      TagScheme scheme = new TagScheme(labels);
      int tags = scheme.size;
      float[] tr = new float[tags * tags];
      for (int i = 0; i < tr.length; i++) {
        tr[i] = in.readFloat();
      }
      float[] w = new float[(1 << bits) * tags];
      int b = -1;
      for (int delta = readVarInt(in); delta != 0; delta = readVarInt(in)) {
        b += delta;
        for (int t = 0; t < tags; t++) {
          w[b * tags + t] = in.readFloat();
        }
      }
      return new PerceptronTagger(version, scheme, bits, w, tr, channels, clusters);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean zeroRow(int b, int tags) {
    for (int t = 0; t < tags; t++) {
      if (weights[b * tags + t] != 0f) {
        return false;
      }
    }
    return true;
  }

  private List<CcksEntity> spans(int[] tags) {
    List<CcksEntity> out = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < tags.length; i++) {
      char k = scheme.kind(tags[i]);
      if (k == 'S') {
        out.add(new CcksEntity(scheme.labels.get(scheme.label(tags[i])), i, i + 1));
        start = -1;
      } else if (k == 'B') {
        start = i;
      } else if (k == 'E' && start >= 0) {
        out.add(new CcksEntity(scheme.labels.get(scheme.label(tags[i])), start, i + 1));
        start = -1;
      } else if (k == 'O') {
        start = -1;
      }
    }
    return out;
  }

  private static int[] goldTags(CcksDocument doc, TagScheme scheme) {
    int[] tags = new int[doc.text().length()];
    int lastEnd = 0;
    for (CcksEntity e : doc.entities()) {
      if (e.start() < lastEnd) {
        continue; // nested or overlapping: BIOES keeps the first
      }
      int label = scheme.labels.indexOf(e.label());
      if (e.end() - e.start() == 1) {
        tags[e.start()] = TagScheme.tag(label, 'S');
      } else {
        tags[e.start()] = TagScheme.tag(label, 'B');
        for (int i = e.start() + 1; i < e.end() - 1; i++) {
          tags[i] = TagScheme.tag(label, 'I');
        }
        tags[e.end() - 1] = TagScheme.tag(label, 'E');
      }
      lastEnd = e.end();
    }
    return tags;
  }

  /**
   * Cuts a text after 。；！？ and line breaks (never inside a gold entity), so that each perceptron
   * update concerns one sentence; more, smaller updates train better than one per document.
   */
  private static List<int[]> chunk(String text, int[] gold, TagScheme scheme) {
    List<int[]> out = new ArrayList<>();
    int start = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      boolean end = c == '。' || c == '；' || c == ';' || c == '！' || c == '？' || c == '\n';
      if (end
          && i + 1 < n
          && (gold == null
              || scheme.kind(gold[i + 1]) == 'O'
              || scheme.kind(gold[i + 1]) == 'B'
              || scheme.kind(gold[i + 1]) == 'S')) {
        if (gold == null || scheme.kind(gold[i]) != 'B' && scheme.kind(gold[i]) != 'I') {
          out.add(new int[] {start, i + 1});
          start = i + 1;
        }
      }
    }
    if (start < n) {
      out.add(new int[] {start, n});
    }
    return out;
  }

  /**
   * Builds a dictionary from the entities of the training documents; with {@code folds > 0} it
   * leaves out documents {@code d} with {@code d % folds == fold}. A surface written with several
   * labels keeps its most frequent one.
   */
  private static Lexicon gazetteer(List<CcksDocument> docs, int fold, int folds) {
    Map<String, Map<String, Integer>> counts = new HashMap<>();
    for (int d = 0; d < docs.size(); d++) {
      if (folds > 0 && d % folds == fold) {
        continue;
      }
      CcksDocument doc = docs.get(d);
      for (CcksEntity e : doc.entities()) {
        String surface = doc.text().substring(e.start(), e.end()).strip();
        if (!surface.isEmpty()) {
          counts.computeIfAbsent(surface, k -> new HashMap<>()).merge(e.label(), 1, Integer::sum);
        }
      }
    }
    List<LexiconEntry> entries = new ArrayList<>(counts.size());
    counts.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            en -> {
              String label =
                  en.getValue().entrySet().stream()
                      .max(
                          Map.Entry.<String, Integer>comparingByValue()
                              .thenComparing(Map.Entry.comparingByKey()))
                      .orElseThrow()
                      .getKey();
              entries.add(new LexiconEntry(en.getKey(), label, en.getKey(), null));
            });
    return Lexicon.of(entries);
  }

  private static void writeVarInt(DataOutputStream out, int v) throws IOException {
    while ((v & ~0x7F) != 0) {
      out.writeByte((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.writeByte(v);
  }

  private static int readVarInt(DataInputStream in) throws IOException {
    int v = 0;
    for (int shift = 0; ; shift += 7) {
      int b = in.readUnsignedByte();
      v |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
  }

  /** Viterbi over one chunk with reusable buffers; one decoder per thread. */
  private static final class Decoder {
    private final TagScheme scheme;
    private float[] emit = new float[0];
    private float[] score = new float[0];
    private int[] back = new int[0];

    Decoder(TagScheme scheme) {
      this.scheme = scheme;
    }

    int[] decode(FeatureExtractor.Features f, int start, int end, float[] w, float[] tr) {
      int tags = scheme.size;
      int n = end - start;
      if (emit.length < n * tags) {
        emit = new float[n * tags * 2];
        score = new float[n * tags * 2];
        back = new int[n * tags * 2];
      }
      Arrays.fill(emit, 0, n * tags, 0f);
      for (int i = 0; i < n; i++) {
        int row = i * tags;
        for (int k = f.offsets()[start + i]; k < f.offsets()[start + i + 1]; k++) {
          int base = f.ids()[k] * tags;
          for (int t = 0; t < tags; t++) {
            emit[row + t] += w[base + t];
          }
        }
      }
      for (int t = 0; t < tags; t++) {
        score[t] = scheme.startAllowed[t] ? emit[t] : Float.NEGATIVE_INFINITY;
      }
      for (int i = 1; i < n; i++) {
        int row = i * tags;
        int prevRow = row - tags;
        for (int t = 0; t < tags; t++) {
          float best = Float.NEGATIVE_INFINITY;
          int arg = 0;
          for (int p : scheme.allowedFrom[t]) {
            float s = score[prevRow + p] + tr[p * tags + t];
            if (s > best) {
              best = s;
              arg = p;
            }
          }
          score[row + t] = best + emit[row + t];
          back[row + t] = arg;
        }
      }
      int last = (n - 1) * tags;
      int bestTag = 0;
      float best = Float.NEGATIVE_INFINITY;
      for (int t = 0; t < tags; t++) {
        if (scheme.endAllowed[t] && score[last + t] > best) {
          best = score[last + t];
          bestTag = t;
        }
      }
      int[] out = new int[n];
      out[n - 1] = bestTag;
      for (int i = n - 1; i > 0; i--) {
        out[i - 1] = back[i * tags + out[i]];
      }
      return out;
    }
  }
}
