package io.tianshu.nlp.tagger;

import io.tianshu.nlp.lexicon.Lexicon;

/**
 * How to train a {@link PerceptronTagger}.
 *
 * @param epochs passes over the training documents
 * @param hashBits feature buckets are {@code 2^hashBits}; 20 keeps collisions rare for ~1,000 notes
 * @param seed seed of the per-epoch shuffle, so training is repeatable
 * @param lexicon dictionary whose matches become features (Tianshu's own by default), or {@code
 *     null}
 * @param trainingGazetteer also use the training entities as a dictionary feature; each training
 *     document sees only the entities of the other folds, so the model does not learn to trust it
 *     blindly
 */
public record TrainOptions(
    int epochs, int hashBits, long seed, Lexicon lexicon, boolean trainingGazetteer) {

  public TrainOptions {
    if (epochs < 1 || epochs > 100) {
      throw new IllegalArgumentException("epochs must be 1..100, was " + epochs);
    }
    if (hashBits < 10 || hashBits > 24) {
      throw new IllegalArgumentException("hashBits must be 10..24, was " + hashBits);
    }
  }

  /** Ten epochs, 2^20 buckets, Tianshu's lexicon and the training gazetteer. */
  public static TrainOptions defaults() {
    return new TrainOptions(10, 20, 42L, Lexicon.bundled(), true);
  }

  public TrainOptions withEpochs(int n) {
    return new TrainOptions(n, hashBits, seed, lexicon, trainingGazetteer);
  }

  public TrainOptions withLexicon(Lexicon l) {
    return new TrainOptions(epochs, hashBits, seed, l, trainingGazetteer);
  }

  public TrainOptions withTrainingGazetteer(boolean on) {
    return new TrainOptions(epochs, hashBits, seed, lexicon, on);
  }

  public TrainOptions withHashBits(int bits) {
    return new TrainOptions(epochs, bits, seed, lexicon, trainingGazetteer);
  }
}
