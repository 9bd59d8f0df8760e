package io.tianshu.query.export;

import java.io.Closeable;
import java.io.IOException;

/** Writes dataset rows in one file format; rows hold the column types' Java values. */
interface DatasetWriter extends Closeable {

  void write(Object[] row) throws IOException;

  /** Completes the output; nothing is valid before this returns. */
  void finish() throws IOException;
}
