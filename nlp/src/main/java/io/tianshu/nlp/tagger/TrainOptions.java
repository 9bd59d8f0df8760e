package io.tianshu.nlp.tagger;

import io.tianshu.nlp.lexicon.Lexicon;
import java.util.List;

/**
 * How to train a {@link PerceptronTagger}.
 *
 * @param epochs passes over the training documents
 * @param hashBits feature buckets are {@code 2^hashBits}; 20 keeps collisions rare for ~1,000 notes
 * @param seed seed of the per-epoch shuffle and of the character clusters, so training is
 *     repeatable
 * @param lexicon dictionary whose matches become features (Tianshu's own by default), or {@code
 *     null}
 * @param trainingGazetteer also use the training entities as a dictionary feature; each training
 *     document sees only the entities of the other folds, so the model does not learn to trust it
 *     blindly
 * @param clusters learn character clusters from the training texts and {@code unlabeled}, and use
 *     them as features
 * @param unlabeled more notes, without annotations, for the character clusters: the more text, the
 *     better the clusters
 * @param runs perceptrons trained on different orders of the training sentences and averaged into
 *     one model; more runs cost training time, never tagging time
 */
public record TrainOptions(
    int epochs,
    int hashBits,
    long seed,
    Lexicon lexicon,
    boolean trainingGazetteer,
    boolean clusters,
    List<String> unlabeled,
    int runs) {

  public TrainOptions {
    if (epochs < 1 || epochs > 100) {
      throw new IllegalArgumentException("epochs must be 1..100, was " + epochs);
    }
    if (hashBits < 10 || hashBits > 24) {
      throw new IllegalArgumentException("hashBits must be 10..24, was " + hashBits);
    }
    if (runs < 1 || runs > 20) {
      throw new IllegalArgumentException("runs must be 1..20, was " + runs);
    }
    unlabeled = List.copyOf(unlabeled);
  }

  /**
   * Ten epochs, 2^20 buckets, Tianshu's lexicon, the training gazetteer, character clusters of the
   * training texts and three averaged runs.
   */
  public static TrainOptions defaults() {
    return new TrainOptions(10, 20, 42L, Lexicon.bundled(), true, true, List.of(), 3);
  }

  public TrainOptions withEpochs(int n) {
    return new TrainOptions(
        n, hashBits, seed, lexicon, trainingGazetteer, clusters, unlabeled, runs);
  }

  public TrainOptions withLexicon(Lexicon l) {
    return new TrainOptions(
        epochs, hashBits, seed, l, trainingGazetteer, clusters, unlabeled, runs);
  }

  public TrainOptions withTrainingGazetteer(boolean on) {
    return new TrainOptions(epochs, hashBits, seed, lexicon, on, clusters, unlabeled, runs);
  }

  public TrainOptions withHashBits(int bits) {
    return new TrainOptions(
        epochs, bits, seed, lexicon, trainingGazetteer, clusters, unlabeled, runs);
  }

  public TrainOptions withSeed(long s) {
    return new TrainOptions(
        epochs, hashBits, s, lexicon, trainingGazetteer, clusters, unlabeled, runs);
  }

  public TrainOptions withClusters(boolean on) {
    return new TrainOptions(
        epochs, hashBits, seed, lexicon, trainingGazetteer, on, unlabeled, runs);
  }

  /** {@code n} averaged runs (1: a single perceptron, as before 2026-11-26). */
  public TrainOptions withRuns(int n) {
    return new TrainOptions(
        epochs, hashBits, seed, lexicon, trainingGazetteer, clusters, unlabeled, n);
  }

  /** Clusters learnt also from {@code texts} (notes without annotations). */
  public TrainOptions withUnlabeled(List<String> texts) {
    return new TrainOptions(
        epochs, hashBits, seed, lexicon, trainingGazetteer, clusters, texts, runs);
  }
}
