package io.tianshu.query.search;

import io.tianshu.core.error.TianshuException;
import io.tianshu.store.CdrStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * A full-text index of the CDR's clinical documents that knows what the NLP pipeline read in them:
 * besides the whole text it indexes an "affirmed" text in which the spans of note facts that are
 * negated, uncertain, historical or about a relative are blanked out (same length, so offsets stay
 * true), so that 发热 finds the patient's own current fever and not 无发热. Both are indexed as
 * overlapping CJK bigrams ({@link BigramAnalyzer}); the patient's own name, phone, address and
 * ID-number-like strings are blanked from both (see {@link PatientIdentifiers}).
 *
 * <p>Built whole from a {@link CdrStore} ({@link #rebuild}), in a directory on disk or in memory; a
 * rebuild replaces the index atomically while searches go on against the previous build.
 * Thread-safe.
 */
public final class DocumentIndex implements AutoCloseable {

  /** Names the fields and their analysis; an index written under another name is rebuilt. */
  static final String SCHEMA = "tianshu-search-1";

  static final String TEXT = "text";
  static final String AFFIRMED = "affirmed";
  private static final String SOURCE = "source";
  private static final String DOCUMENT_ID = "documentId";
  private static final String PATIENT_ID = "patientId";
  private static final String ENCOUNTER_ID = "encounterId";
  private static final String TYPE = "type";
  private static final String DEPARTMENT = "department";
  private static final String TITLE = "title";
  private static final String CREATED = "createdAt";
  private static final String DAY = "day";
  private static final String FACT = "fact";
  private static final String IDENTIFIERS = "identifiers";

  private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

  private final Directory directory;
  private final Analyzer analyzer = new BigramAnalyzer();
  private final SearcherManager searchers;
  private final Object buildLock = new Object();
  private volatile boolean building;
  private volatile IndexStatus status;

  private DocumentIndex(Directory directory) throws IOException {
    this.directory = directory;
    if (!readable(directory)) {
      // Derived data in a directory of its own: an index that is missing, corrupt or from another
      // Lucene is started anew.
      for (String file : directory.listAll()) {
        directory.deleteFile(file);
      }
      writeEmpty();
    }
    this.searchers = new SearcherManager(directory, null);
    this.status = readStatus();
  }

  /**
   * The index kept in {@code directory}, a directory of its own (created when missing; emptied when
   * it holds no readable index). The last build stays searchable across restarts.
   */
  public static DocumentIndex open(Path directory) {
    try {
      return new DocumentIndex(FSDirectory.open(directory));
    } catch (IOException e) {
      throw failed("open the document index in " + directory, e);
    }
  }

  /** An index in memory, empty until built. */
  public static DocumentIndex inMemory() {
    try {
      return new DocumentIndex(new ByteBuffersDirectory());
    } catch (IOException e) {
      throw failed("create the document index in memory", e);
    }
  }

  /** What the index holds now. */
  public IndexStatus status() {
    IndexStatus s = status;
    return new IndexStatus(
        s.built(), building, s.documents(), s.builtAt(), s.buildMillis(), s.source());
  }

  /** Whether the index was built from what {@code store} holds now. */
  public boolean isCurrent(CdrStore store) {
    IndexStatus s = status;
    return s.built() && CdrDocuments.stamp(store).equals(s.source());
  }

  /**
   * Indexes every document of {@code store} anew and makes the result searchable in one step;
   * searches meanwhile use the previous build. One build at a time; a failed build leaves the
   * previous one in place.
   */
  public IndexStatus rebuild(CdrStore store) {
    synchronized (buildLock) {
      building = true;
      try {
        return build(store);
      } catch (IOException e) {
        throw failed("build the document index", e);
      } finally {
        building = false;
      }
    }
  }

  /** Rebuilds when the store has changed since the last build; returns whether it did. */
  public boolean rebuildIfStale(CdrStore store) {
    synchronized (buildLock) {
      if (isCurrent(store)) {
        return false;
      }
      rebuild(store);
      return true;
    }
  }

  private IndexStatus build(CdrStore store) throws IOException {
    long started = System.nanoTime();
    // Taken before the read: a batch committed during the build makes this build stale at once.
    String source = CdrDocuments.stamp(store);
    IndexWriterConfig config =
        new IndexWriterConfig(analyzer)
            .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
            .setRAMBufferSizeMB(64)
            .setCommitOnClose(false);
    long documents;
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      CdrDocuments.forEach(
          store,
          d -> {
            try {
              writer.addDocument(document(d));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
      documents = writer.getDocStats().numDocs;
      long millis = (System.nanoTime() - started) / 1_000_000;
      writer.setLiveCommitData(
          Map.of(
                  "schema", SCHEMA,
                  "source", source,
                  "builtAt", Instant.now().toString(),
                  "buildMillis", Long.toString(millis),
                  "documents", Long.toString(documents))
              .entrySet());
      writer.commit();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    searchers.maybeRefreshBlocking();
    status = readStatus();
    return status();
  }

  private Document document(SourceDocument d) {
    Document doc = new Document();
    keyword(doc, DOCUMENT_ID, d.id());
    keyword(doc, PATIENT_ID, d.patientId());
    keyword(doc, ENCOUNTER_ID, d.encounterId());
    doc.add(new StringField(TYPE, d.type(), Field.Store.YES));
    if (d.department() != null) {
      doc.add(new StringField(DEPARTMENT, d.department(), Field.Store.YES));
    }
    doc.add(new StoredField(TITLE, d.title()));
    doc.add(new StoredField(CREATED, d.createdAt().toString()));
    doc.add(new NumericDocValuesField(CREATED, ChronoUnit.MICROS.between(EPOCH, d.createdAt())));
    doc.add(new LongPoint(DAY, d.createdAt().toLocalDate().toEpochDay()));
    doc.add(new StoredField(SOURCE, d.text()));
    String text = PatientIdentifiers.blank(d.text(), d.identifiers());
    doc.add(new TextField(TEXT, text, Field.Store.NO));
    doc.add(
        new TextField(AFFIRMED, PatientIdentifiers.blank(text, masked(d.facts())), Field.Store.NO));
    for (MatchedFact f : d.facts()) {
      doc.add(new StoredField(FACT, StoredFacts.encode(f)));
    }
    doc.add(new StoredField(IDENTIFIERS, StoredFacts.encodeSpans(d.identifiers())));
    return doc;
  }

  private static void keyword(Document doc, String field, String value) {
    doc.add(new StringField(field, value, Field.Store.YES));
    doc.add(new SortedDocValuesField(field, new BytesRef(value)));
  }

  private static List<TextSpan> masked(List<MatchedFact> facts) {
    List<TextSpan> spans = new ArrayList<>();
    for (MatchedFact f : facts) {
      if (f.masked()) {
        spans.add(new TextSpan(f.start(), f.end()));
      }
    }
    return spans;
  }

  /** A page of documents matching {@code request}, with snippets of the stored text. */
  public SearchResult search(SearchRequest request) {
    return search(request, TextView.STORED);
  }

  /**
   * A page of documents matching {@code request}, with snippets and fact spans cut from each text
   * as {@code view} shows it.
   *
   * @throws TianshuException {@link SearchErrors#BAD_QUERY} for a query that cannot be read, {@link
   *     SearchErrors#NOT_READY} before the first build
   */
  public SearchResult search(SearchRequest request, TextView view) {
    long started = System.nanoTime();
    String field = field(request.mode());
    DocumentQueryParser.Parsed words = DocumentQueryParser.parse(field, analyzer, request.query());
    Query query = filtered(words.query(), request);
    IndexSearcher searcher = acquire();
    try {
      int depth = request.offset() + request.limit();
      TopDocs top =
          request.order() == SearchOrder.NEWEST
              ? searcher.search(
                  query,
                  new TopFieldCollectorManager(
                      new Sort(new SortField(CREATED, SortField.Type.LONG, true)),
                      depth,
                      null,
                      Integer.MAX_VALUE,
                      false))
              : searcher.search(
                  query, new TopScoreDocCollectorManager(depth, null, Integer.MAX_VALUE, false));
      long patients = searcher.search(query, new DistinctPatients());
      StoredFields stored = searcher.storedFields();
      List<DocumentHit> hits = new ArrayList<>();
      for (int i = request.offset(); i < top.scoreDocs.length; i++) {
        ScoreDoc sd = top.scoreDocs[i];
        hits.add(hit(stored.document(sd.doc), sd.score, words, request.mode(), view));
      }
      return new SearchResult(
          top.totalHits.value,
          patients,
          request.offset(),
          hits,
          (System.nanoTime() - started) / 1_000_000);
    } catch (IOException e) {
      throw failed("search the document index", e);
    } finally {
      release(searcher);
    }
  }

  /**
   * Every document matching {@code request} (its page and order ignored), by patient and time: the
   * patients and times a cohort criterion built from a search selects.
   */
  public List<DocumentMatch> matches(SearchRequest request) {
    Query query =
        filtered(
            DocumentQueryParser.parse(field(request.mode()), analyzer, request.query()).query(),
            request);
    IndexSearcher searcher = acquire();
    try {
      List<DocumentMatch> out = new ArrayList<>(searcher.search(query, new Matches()));
      out.sort(
          Comparator.comparing(DocumentMatch::patientId)
              .thenComparing(DocumentMatch::createdAt)
              .thenComparing(DocumentMatch::documentId));
      return List.copyOf(out);
    } catch (IOException e) {
      throw failed("search the document index", e);
    } finally {
      release(searcher);
    }
  }

  private static String field(SearchMode mode) {
    return mode == SearchMode.ALL ? TEXT : AFFIRMED;
  }

  private static Query filtered(Query words, SearchRequest r) {
    BooleanQuery.Builder b = new BooleanQuery.Builder().add(words, Occur.MUST);
    if (!r.types().isEmpty()) {
      b.add(anyOf(TYPE, r.types()), Occur.FILTER);
    }
    if (!r.departments().isEmpty()) {
      b.add(anyOf(DEPARTMENT, r.departments()), Occur.FILTER);
    }
    if (r.from() != null || r.to() != null) {
      long from = r.from() == null ? Long.MIN_VALUE : r.from().toEpochDay();
      long to = r.to() == null ? Long.MAX_VALUE : r.to().toEpochDay();
      b.add(LongPoint.newRangeQuery(DAY, from, to), Occur.FILTER);
    }
    return b.build();
  }

  private static Query anyOf(String field, Collection<String> values) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (String v : values) {
      b.add(new TermQuery(new Term(field, v)), Occur.SHOULD);
    }
    return b.build();
  }

  private DocumentHit hit(
      Document d, float score, DocumentQueryParser.Parsed words, SearchMode mode, TextView view)
      throws IOException {
    String text = d.get(SOURCE);
    List<MatchedFact> facts = new ArrayList<>();
    for (IndexableField f : d.getFields(FACT)) {
      facts.add(StoredFacts.decode(f.stringValue()));
    }
    String searched = PatientIdentifiers.blank(text, StoredFacts.decodeSpans(d.get(IDENTIFIERS)));
    if (mode == SearchMode.AFFIRMED) {
      searched = PatientIdentifiers.blank(searched, masked(facts));
    }
    List<TextSpan> marks = Highlights.marks(words, field(mode), analyzer, searched);
    String patientId = d.get(PATIENT_ID);
    ShownText shown = view.show(patientId, text);
    return new DocumentHit(
        d.get(DOCUMENT_ID),
        patientId,
        d.get(ENCOUNTER_ID),
        d.get(TYPE),
        d.get(TITLE),
        d.get(DEPARTMENT),
        LocalDateTime.parse(d.get(CREATED)),
        Float.isNaN(score) ? 0f : score,
        Highlights.snippets(shown.text(), Highlights.shown(marks, shown)),
        Highlights.facts(facts, marks, shown));
  }

  private IndexSearcher acquire() {
    if (!status.built()) {
      throw new TianshuException(
          SearchErrors.NOT_READY,
          "The document index has not been built yet; try again in a moment.");
    }
    try {
      return searchers.acquire();
    } catch (IOException e) {
      throw failed("open the document index", e);
    }
  }

  private void release(IndexSearcher searcher) {
    try {
      searchers.release(searcher);
    } catch (IOException e) {
      throw failed("release an index searcher", e);
    }
  }

  private IndexStatus readStatus() throws IOException {
    IndexSearcher searcher = searchers.acquire();
    try {
      Map<String, String> data =
          ((DirectoryReader) searcher.getIndexReader()).getIndexCommit().getUserData();
      if (!SCHEMA.equals(data.get("schema"))) {
        return new IndexStatus(false, false, 0, null, 0, null);
      }
      return new IndexStatus(
          true,
          false,
          searcher.getIndexReader().numDocs(),
          Instant.parse(data.get("builtAt")),
          Long.parseLong(data.get("buildMillis")),
          data.get("source"));
    } finally {
      searchers.release(searcher);
    }
  }

  private static boolean readable(Directory directory) {
    try {
      if (!DirectoryReader.indexExists(directory)) {
        return false;
      }
      DirectoryReader.open(directory).close();
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private void writeEmpty() throws IOException {
    IndexWriterConfig config =
        new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      writer.commit();
    }
  }

  private static TianshuException failed(String what, IOException e) {
    return new TianshuException(
        SearchErrors.INDEX_FAILED, "Could not " + what + ": " + e.getMessage(), e);
  }

  @Override
  public void close() {
    try {
      searchers.close();
      directory.close();
    } catch (IOException e) {
      throw failed("close the document index", e);
    } finally {
      analyzer.close();
    }
  }

  /** Counts the distinct patients of the matching documents. */
  private static final class DistinctPatients implements CollectorManager<Collector, Long> {

    private final Map<Collector, Set<BytesRef>> seen = new HashMap<>();

    @Override
    public Collector newCollector() {
      Set<BytesRef> ids = new HashSet<>();
      Collector collector =
          new Collector() {
            @Override
            public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
              SortedDocValues patients = DocValues.getSorted(context.reader(), PATIENT_ID);
              FixedBitSet ords = new FixedBitSet(Math.max(1, patients.getValueCount()));
              return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {}

                @Override
                public void collect(int doc) throws IOException {
                  if (patients.advanceExact(doc)) {
                    int ord = patients.ordValue();
                    if (!ords.getAndSet(ord)) {
                      ids.add(BytesRef.deepCopyOf(patients.lookupOrd(ord)));
                    }
                  }
                }
              };
            }

            @Override
            public ScoreMode scoreMode() {
              return ScoreMode.COMPLETE_NO_SCORES;
            }
          };
      seen.put(collector, ids);
      return collector;
    }

    @Override
    public Long reduce(Collection<Collector> collectors) {
      Set<BytesRef> all = new HashSet<>();
      for (Collector c : collectors) {
        all.addAll(seen.get(c));
      }
      return (long) all.size();
    }
  }

  /** Collects the ids and time of every matching document. */
  private static final class Matches implements CollectorManager<Collector, List<DocumentMatch>> {

    private final Map<Collector, List<DocumentMatch>> found = new HashMap<>();

    @Override
    public Collector newCollector() {
      List<DocumentMatch> matches = new ArrayList<>();
      Collector collector =
          new Collector() {
            @Override
            public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
              SortedDocValues documents = DocValues.getSorted(context.reader(), DOCUMENT_ID);
              SortedDocValues patients = DocValues.getSorted(context.reader(), PATIENT_ID);
              SortedDocValues encounters = DocValues.getSorted(context.reader(), ENCOUNTER_ID);
              NumericDocValues created = DocValues.getNumeric(context.reader(), CREATED);
              return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {}

                @Override
                public void collect(int doc) throws IOException {
                  documents.advanceExact(doc);
                  patients.advanceExact(doc);
                  encounters.advanceExact(doc);
                  created.advanceExact(doc);
                  matches.add(
                      new DocumentMatch(
                          documents.lookupOrd(documents.ordValue()).utf8ToString(),
                          patients.lookupOrd(patients.ordValue()).utf8ToString(),
                          encounters.lookupOrd(encounters.ordValue()).utf8ToString(),
                          EPOCH.plus(created.longValue(), ChronoUnit.MICROS)));
                }
              };
            }

            @Override
            public ScoreMode scoreMode() {
              return ScoreMode.COMPLETE_NO_SCORES;
            }
          };
      found.put(collector, matches);
      return collector;
    }

    @Override
    public List<DocumentMatch> reduce(Collection<Collector> collectors) {
      List<DocumentMatch> all = new ArrayList<>();
      for (Collector c : collectors) {
        all.addAll(found.get(c));
      }
      return all;
    }
  }
}
