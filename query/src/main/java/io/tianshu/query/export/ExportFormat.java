package io.tianshu.query.export;

import java.util.Locale;

/** The file formats a dataset is written in. */
public enum ExportFormat {
  /** UTF-8 text, a header line, RFC 4180 quoting, CRLF line ends. */
  CSV("csv"),
  /** Apache Parquet written by DuckDB, with typed columns. */
  PARQUET("parquet");

  private final String extension;

  ExportFormat(String extension) {
    this.extension = extension;
  }

  /** The usual file extension, without the dot. */
  public String extension() {
    return extension;
  }

  /** {@code csv} or {@code parquet}, in any case. */
  public static ExportFormat parse(String text) {
    for (ExportFormat f : values()) {
      if (f.extension.equals(text.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException("format must be csv or parquet, not '" + text + "'");
  }
}
