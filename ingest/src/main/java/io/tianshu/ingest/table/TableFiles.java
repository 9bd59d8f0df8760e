package io.tianshu.ingest.table;

import io.tianshu.ingest.staging.Hl7v2Files;
import io.tianshu.ingest.staging.IncomingMessage;
import io.tianshu.ingest.staging.IngestCounts;
import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.ingest.staging.IngestRun;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * CSV extracts ({@code .csv}, {@code .csv.gz}) into the CDR through a feed built with a {@link
 * TableUnitFormat} that knows the mapping. Files are matched to the mapping's tables by name and
 * read in the mapping's table order (patients first, so other rows find their patient), rows in
 * file order. Each row is mapped once while staging: rows that map are staged in chunks of one
 * table and one patient ({@link TableChunk}); a row that fails is staged alone, and applying
 * quarantines it with its own reason while its neighbours land. Lookup files (e.g. MIMIC's
 * d_labitems) are joined to the rows as they are staged. Files no table or lookup names are skipped
 * and reported.
 */
public final class TableFiles {

  /** Rows of one table and one patient in a chunk, at most. */
  static final int CHUNK_ROWS = 512;

  /** Rows read before the open per-patient chunks are flushed, so memory stays flat. */
  static final int WINDOW_ROWS = 8192;

  /** Rows staged per staging transaction, at most. */
  static final int STAGE_ROWS = 50_000;

  /** Units staged per staging transaction, at most. */
  static final int STAGE_UNITS = 2_000;

  /**
   * Progress of a run: files done of all, rows read so far, rows staged alone because they did not
   * map (they end quarantined), files skipped because no table or lookup matched them.
   */
  public record Progress(
      int filesDone, int files, long rows, long rowsSetApart, List<Path> skipped) {}

  private TableFiles() {}

  /**
   * As {@link #ingest(IngestFeed, TableMapping, String, List, Consumer)}, source from the mapping.
   */
  public static IngestCounts ingest(
      IngestFeed feed, TableMapping mapping, List<Path> paths, Consumer<Progress> progress) {
    return ingest(feed, mapping, null, paths, progress);
  }

  /**
   * Stages and applies every row of {@code paths} (files or directories).
   *
   * @param source the records' source system; null for the mapping's {@code source}, else {@code
   *     table:<mapping name>}
   * @return the run's counts, in staged units (chunks and set-apart rows)
   * @throws TableMappingException when a file's header lacks a column the mapping reads
   */
  public static IngestCounts ingest(
      IngestFeed feed,
      TableMapping mapping,
      String source,
      List<Path> paths,
      Consumer<Progress> progress) {
    String declared =
        source != null
            ? source
            : mapping.source() != null ? mapping.source() : "table:" + mapping.name();
    List<Path> all = Hl7v2Files.expand(paths);
    Map<String, Map<String, String[]>> lookups = new HashMap<>();
    Map<String, List<String>> lookupColumns = new HashMap<>();
    List<Path> skipped = new ArrayList<>();
    List<Path> tableFiles = new ArrayList<>();
    for (Path p : all) {
      TableMapping.Lookup lookup = lookupFor(mapping, p);
      if (lookup != null) {
        readLookup(mapping, lookup, p, lookups, lookupColumns);
      }
      if (mapping.tableFor(p).isPresent()) {
        tableFiles.add(p); // a file may be a lookup and a table (MIMIC admissions)
      } else if (lookup == null) {
        skipped.add(p);
      }
    }
    List<String> order = mapping.tableNames();
    tableFiles.sort(
        Comparator.comparing((Path p) -> order.indexOf(mapping.tableFor(p).orElseThrow().name()))
            .thenComparing(Comparator.naturalOrder()));
    // Every header is checked before anything is staged: a mapping that does not fit a file
    // fails the run cleanly instead of half-way.
    for (Path file : tableFiles) {
      TableSpec table = mapping.tableFor(file).orElseThrow();
      List<String> header = header(file, mapping);
      if (header != null) {
        joins(mapping, table, header, lookups, lookupColumns, file.getFileName().toString());
      }
    }
    Stager stager = new Stager(feed, declared);
    long[] rows = new long[2];
    for (int i = 0; i < tableFiles.size(); i++) {
      Path file = tableFiles.get(i);
      TableSpec table = mapping.tableFor(file).orElseThrow();
      readTable(mapping, table, file, lookups, lookupColumns, stager, rows, declared);
      progress.accept(
          new Progress(i + 1, tableFiles.size(), rows[0], rows[1], List.copyOf(skipped)));
    }
    stager.flush();
    stager.run.applyPending();
    if (tableFiles.isEmpty()) {
      progress.accept(new Progress(0, 0, 0, 0, List.copyOf(skipped)));
    }
    return stager.run.counts();
  }

  private static TableMapping.Lookup lookupFor(TableMapping mapping, Path file) {
    for (TableMapping.Lookup l : mapping.lookups().values()) {
      if (java.nio.file.FileSystems.getDefault()
          .getPathMatcher("glob:" + l.file())
          .matches(file.getFileName())) {
        return l;
      }
    }
    return null;
  }

  /** Stages units in transactions of a bounded size and applies after each. */
  private static final class Stager {
    final IngestFeed feed;
    final IngestRun run;
    final String source;
    final List<IncomingMessage> pending = new ArrayList<>();
    long pendingRows;
    long unapplied;

    Stager(IngestFeed feed, String source) {
      this.feed = feed;
      this.run = feed.newRun();
      this.source = source;
    }

    void add(String channel, byte[] raw, int rows, Instant at) {
      pending.add(new IncomingMessage(channel, raw, at, source));
      pendingRows += rows;
      if (pending.size() >= STAGE_UNITS || pendingRows >= STAGE_ROWS) {
        flush();
      }
      // Applying rewrites each touched patient's whole record: the fewer, larger batches, the less
      // is rewritten. The feed's batch size bounds what one batch holds in memory.
      if (unapplied >= feed.settings().batchSize()) {
        run.applyPending();
        unapplied = 0;
      }
    }

    void flush() {
      if (!pending.isEmpty()) {
        run.stage(pending);
        unapplied += pending.size();
        pending.clear();
        pendingRows = 0;
      }
    }
  }

  private static void readTable(
      TableMapping mapping,
      TableSpec table,
      Path file,
      Map<String, Map<String, String[]>> lookups,
      Map<String, List<String>> lookupColumns,
      Stager stager,
      long[] rows,
      String source) {
    String fileName = file.getFileName().toString();
    String channel = "file:" + file;
    RowMapper mapper = new RowMapper(table);
    try (Reader reader = open(file, mapping)) {
      CsvReader in = new CsvReader(reader);
      CsvReader.CsvRow headerRow = in.next();
      if (headerRow == null) {
        return;
      }
      List<String> header = List.of(stripAll(headerRow.values()));
      Joins joins = joins(mapping, table, header, lookups, lookupColumns, fileName);
      List<String> joinedNames = joins.names();
      Map<String, Integer> index =
          new TableChunk(mapping.key(), table.name(), fileName, "", header, joinedNames, List.of())
              .index();
      Instant at = stager.feed.clock().instant();
      Map<String, List<TableChunk.Row>> open = new LinkedHashMap<>();
      int windowRows = 0;
      CsvReader.CsvRow r;
      while ((r = in.next()) != null) {
        if (r.values().length == 1 && r.values()[0].isEmpty()) {
          continue; // a blank line is no row
        }
        rows[0]++;
        TableChunk.Row row = new TableChunk.Row(r.line(), r.values(), joins.values(r.values()));
        String patient;
        try {
          patient =
              TableUnitFormat.mapRow(mapper, index, header.size(), row, fileName, source, "")
                  .patientId();
        } catch (RuntimeException e) {
          rows[1]++;
          stage(mapping, table, fileName, header, joinedNames, List.of(row), stager, channel, at);
          continue;
        }
        List<TableChunk.Row> group = open.computeIfAbsent(patient, k -> new ArrayList<>());
        group.add(row);
        if (group.size() >= CHUNK_ROWS) {
          stage(mapping, table, fileName, header, joinedNames, group, stager, channel, at);
          open.remove(patient);
        }
        if (++windowRows >= WINDOW_ROWS) {
          for (List<TableChunk.Row> g : open.values()) {
            stage(mapping, table, fileName, header, joinedNames, g, stager, channel, at);
          }
          open.clear();
          windowRows = 0;
        }
      }
      for (List<TableChunk.Row> g : open.values()) {
        stage(mapping, table, fileName, header, joinedNames, g, stager, channel, at);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void stage(
      TableMapping mapping,
      TableSpec table,
      String fileName,
      List<String> header,
      List<String> joined,
      List<TableChunk.Row> rows,
      Stager stager,
      String channel,
      Instant at) {
    String lines =
        rows.size() == 1
            ? Long.toString(rows.get(0).line())
            : rows.get(0).line() + "-" + rows.get(rows.size() - 1).line();
    byte[] raw =
        new TableChunk(mapping.key(), table.name(), fileName, lines, header, joined, rows).encode();
    stager.add(channel, raw, rows.size(), at);
  }

  /** The lookup columns a table reads and how to find their values for a row. */
  private record Joins(
      List<String> names,
      List<int[]> keys,
      List<Map<String, String[]>> tables,
      List<Integer> columns) {

    String[] values(String[] row) {
      if (names.isEmpty()) {
        return null;
      }
      String[] out = new String[names.size()];
      for (int i = 0; i < out.length; i++) {
        int key = keys.get(i)[0];
        String[] found = key < row.length ? tables.get(i).get(row[key].strip()) : null;
        int c = columns.get(i);
        out[i] = found == null || c >= found.length ? null : found[c];
      }
      return out;
    }
  }

  private static Joins joins(
      TableMapping mapping,
      TableSpec table,
      List<String> header,
      Map<String, Map<String, String[]>> lookups,
      Map<String, List<String>> lookupColumns,
      String fileName) {
    List<String> names = new ArrayList<>();
    List<int[]> keys = new ArrayList<>();
    List<Map<String, String[]>> tables = new ArrayList<>();
    List<Integer> columns = new ArrayList<>();
    for (String column : table.columns()) {
      if (header.contains(column)) {
        continue;
      }
      int dot = column.indexOf('.');
      String lookup = dot > 0 ? column.substring(0, dot) : null;
      if (lookup == null || !mapping.lookups().containsKey(lookup)) {
        throw new TableMappingException(
            fileName
                + " (table "
                + table.name()
                + "): no column '"
                + column
                + "' in the header "
                + header);
      }
      names.add(column);
      if (!lookupColumns.containsKey(lookup)) {
        // The lookup file was not among the paths: the joined values are blank.
        keys.add(new int[] {Integer.MAX_VALUE});
        tables.add(Map.of());
        columns.add(0);
        continue;
      }
      // The lookup is keyed by the column of the same name as its key column.
      String keyColumn = lookupColumns.get(lookup).get(0);
      int key = header.indexOf(keyColumn);
      if (key < 0) {
        throw new TableMappingException(
            fileName
                + ": lookup '"
                + lookup
                + "' joins on '"
                + keyColumn
                + "', which the header lacks");
      }
      keys.add(new int[] {key});
      tables.add(lookups.get(lookup));
      int c = lookupColumns.get(lookup).indexOf(column.substring(dot + 1));
      if (c < 0) {
        throw new TableMappingException(
            fileName
                + ": lookup '"
                + lookup
                + "' has no column '"
                + column.substring(dot + 1)
                + "'");
      }
      columns.add(c);
    }
    return new Joins(names, keys, tables, columns);
  }

  /** Reads a lookup file: key → row; its column list starts with the key column. */
  private static void readLookup(
      TableMapping mapping,
      TableMapping.Lookup lookup,
      Path file,
      Map<String, Map<String, String[]>> lookups,
      Map<String, List<String>> lookupColumns) {
    try (Reader reader = open(file, mapping)) {
      CsvReader in = new CsvReader(reader);
      CsvReader.CsvRow header = in.next();
      if (header == null) {
        return;
      }
      List<String> names = new ArrayList<>(List.of(stripAll(header.values())));
      int key = names.indexOf(lookup.key());
      if (key < 0) {
        throw new TableMappingException(
            file
                + ": lookup '"
                + lookup.name()
                + "' key column '"
                + lookup.key()
                + "' is not in the header "
                + names);
      }
      List<String> columns = new ArrayList<>();
      columns.add(lookup.key());
      names.forEach(n -> columns.add(n));
      Map<String, String[]> rows = new HashMap<>();
      CsvReader.CsvRow r;
      while ((r = in.next()) != null) {
        if (key < r.values().length) {
          String[] withKey = new String[r.values().length + 1];
          withKey[0] = r.values()[key];
          System.arraycopy(r.values(), 0, withKey, 1, r.values().length);
          rows.put(r.values()[key].strip(), withKey);
        }
      }
      lookups.put(lookup.name(), rows);
      lookupColumns.put(lookup.name(), columns);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static List<String> header(Path file, TableMapping mapping) {
    try (Reader reader = open(file, mapping)) {
      CsvReader.CsvRow row = new CsvReader(reader).next();
      return row == null ? null : List.of(stripAll(row.values()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static String[] stripAll(String[] values) {
    String[] out = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i].strip();
    }
    return out;
  }

  /**
   * The file as text in the mapping's character set; gzip by content (the magic bytes), not by
   * name. Bytes invalid in the character set become U+FFFD and the row is quarantined (411).
   */
  static Reader open(Path file, TableMapping mapping) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    if (b1 == 0x1f && b2 == 0x8b) {
      in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
    }
    CharsetDecoder decoder =
        mapping
            .charset()
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)
            .replaceWith("\uFFFD");
    return new InputStreamReader(in, decoder);
  }
}
