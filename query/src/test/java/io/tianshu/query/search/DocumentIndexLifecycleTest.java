package io.tianshu.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.core.record.PatientRecord;
import io.tianshu.nlp.NoteStructurer;
import io.tianshu.query.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An index on disk outlives its process, knows when the store has changed, is rebuilt while
 * searches go on, and starts anew over a directory it cannot read.
 */
class DocumentIndexLifecycleTest {

  static List<String> engines() {
    return SearchStores.engines();
  }

  private static List<PatientRecord> ward() {
    NoteStructurer structurer = new NoteStructurer();
    return Fixtures.patients("/search/ward-notes.json").stream()
        .map(structurer::structure)
        .toList();
  }

  @ParameterizedTest
  @MethodSource("engines")
  void reopensKnowsWhenStaleAndRebuilds(String engine) throws Exception {
    List<PatientRecord> ward = ward();
    Path directory = Files.createTempDirectory("tianshu-search-index-");
    try (SearchStores.Opened opened = SearchStores.open(engine)) {
      SearchStores.load(opened.store(), "first", ward.subList(0, 4));
      try (DocumentIndex index = DocumentIndex.open(directory)) {
        assertThat(index.status().built()).isFalse();
        assertThat(index.isCurrent(opened.store())).isFalse();
        assertThat(index.rebuildIfStale(opened.store())).isTrue();
        assertThat(index.isCurrent(opened.store())).isTrue();
        assertThat(index.rebuildIfStale(opened.store())).isFalse();
      }
      try (DocumentIndex index = DocumentIndex.open(directory)) {
        IndexStatus reopened = index.status();
        assertThat(reopened.built()).isTrue();
        assertThat(reopened.documents()).isEqualTo(5);
        assertThat(reopened.builtAt()).isNotNull();
        assertThat(index.isCurrent(opened.store())).isTrue();
        assertThat(index.search(SearchRequest.of("发热")).total()).isEqualTo(1);

        SearchStores.load(opened.store(), "second", ward.subList(4, 5));
        assertThat(index.isCurrent(opened.store())).isFalse();
        assertThat(index.search(SearchRequest.of("发热")).total()).isEqualTo(1);
        assertThat(index.rebuildIfStale(opened.store())).isTrue();
        assertThat(index.status().documents()).isEqualTo(7);
        assertThat(index.search(SearchRequest.of("发热")).total()).isEqualTo(2);
      }
    } finally {
      SearchStores.deleteTree(directory);
    }
  }

  @Test
  void searchesGoOnWhileTheIndexIsRebuilt() throws Exception {
    List<PatientRecord> ward = ward();
    try (SearchStores.Opened opened = SearchStores.open("duckdb");
        DocumentIndex index = DocumentIndex.inMemory()) {
      SearchStores.load(opened.store(), "first", ward.subList(0, 4));
      index.rebuild(opened.store());
      ExecutorService searchers = Executors.newFixedThreadPool(2);
      AtomicBoolean done = new AtomicBoolean();
      List<Long> totals = Collections.synchronizedList(new ArrayList<>());
      try {
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          running.add(
              searchers.submit(
                  () -> {
                    while (!done.get()) {
                      totals.add(index.search(SearchRequest.of("发热")).total());
                    }
                  }));
        }
        index.rebuild(opened.store());
        SearchStores.load(opened.store(), "second", ward.subList(4, 5));
        index.rebuild(opened.store());
        index.rebuild(opened.store());
        done.set(true);
        for (Future<?> f : running) {
          f.get(30, TimeUnit.SECONDS);
        }
      } finally {
        searchers.shutdownNow();
      }
      // Every search saw one whole build: the first (one fever) or the last (two).
      assertThat(totals).isNotEmpty();
      assertThat(Set.copyOf(totals)).isSubsetOf(Set.of(1L, 2L));
      assertThat(index.search(SearchRequest.of("发热")).total()).isEqualTo(2);
    }
  }

  @Test
  void aDirectoryItCannotReadIsStartedAnew() throws Exception {
    Path directory = Files.createTempDirectory("tianshu-search-index-");
    try {
      Files.writeString(directory.resolve("segments_1"), "not an index");
      try (DocumentIndex index = DocumentIndex.open(directory)) {
        assertThat(index.status().built()).isFalse();
      }
    } finally {
      SearchStores.deleteTree(directory);
    }
  }
}
