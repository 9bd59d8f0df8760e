package io.tianshu.server.demo;

import io.tianshu.query.cohort.SavedCohorts;
import io.tianshu.store.CdrStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Example cohorts for a fresh demo, so the research pages show what the criteria language can say
 * (codes with windows, lab values, drugs by absence, note findings with negation) on the synthetic
 * hospital. Saved once, by the user {@code demo}, only when no cohort exists yet.
 */
final class DemoCohorts {

  static final String LOCATION = "classpath:demo/cohorts/*.json";

  private DemoCohorts() {}

  static int saveIfNone(CdrStore store, Clock clock) {
    SavedCohorts saved = new SavedCohorts(store, clock);
    if (!saved.list().isEmpty()) {
      return 0;
    }
    List<String> definitions = definitions();
    for (String json : definitions) {
      saved.save(null, null, "示例队列（演示数据）", json, "demo");
    }
    return definitions.size();
  }

  /** The example definitions, in file-name order. */
  static List<String> definitions() {
    try {
      Resource[] resources = new PathMatchingResourcePatternResolver().getResources(LOCATION);
      return Arrays.stream(resources)
          .sorted(Comparator.comparing(Resource::getFilename))
          .map(DemoCohorts::read)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Resource resource) {
    try (InputStream in = resource.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
