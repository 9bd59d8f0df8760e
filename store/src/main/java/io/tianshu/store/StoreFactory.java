package io.tianshu.store;

/** Chooses the engine implementation for a configuration. */
final class StoreFactory {

  private StoreFactory() {}

  static CdrStore open(StoreConfig config) {
    throw new UnsupportedOperationException("to be implemented");
  }
}
