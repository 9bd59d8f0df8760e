package io.tianshu.server.vte;

import io.tianshu.cds.vte.assess.VteAssessor;
import io.tianshu.cds.vte.fhir.BundleAssessment;
import io.tianshu.cds.vte.knowledge.VteKnowledge;
import io.tianshu.cds.vte.metrics.MetricDefinitions;
import io.tianshu.cds.vte.metrics.VteMetrics;
import io.tianshu.cds.vte.ward.VteWard;
import io.tianshu.nlp.NoteStructurer;
import io.tianshu.store.CdrStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The VTE decision-support beans. A hospital's own knowledge files (bands, recommendations, local
 * codes) go in {@code tianshu.vte.knowledge-dir}; any file found there replaces the shipped one.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class VteConfiguration {

  @Bean
  VteKnowledge vteKnowledge(@Value("${tianshu.vte.knowledge-dir:}") String dir) {
    if (dir == null || dir.isBlank()) {
      return VteKnowledge.bundled();
    }
    Path path = Path.of(dir);
    if (!Files.isDirectory(path)) {
      throw new IllegalStateException(
          "tianshu.vte.knowledge-dir " + path.toAbsolutePath() + " is not a directory");
    }
    return VteKnowledge.withOverrides(path);
  }

  @Bean
  MetricDefinitions vteMetricDefinitions(@Value("${tianshu.vte.knowledge-dir:}") String dir) {
    return dir == null || dir.isBlank()
        ? MetricDefinitions.bundled()
        : MetricDefinitions.load(Path.of(dir));
  }

  @Bean
  VteAssessor vteAssessor(VteKnowledge knowledge) {
    return new VteAssessor(knowledge);
  }

  @Bean
  NoteStructurer noteStructurer() {
    return new NoteStructurer();
  }

  @Bean
  BundleAssessment bundleAssessment(VteAssessor assessor, NoteStructurer structurer) {
    return new BundleAssessment(assessor, structurer);
  }

  @Bean
  VteWard vteWard(CdrStore store, VteAssessor assessor, MetricDefinitions definitions) {
    return new VteWard(store, assessor, definitions);
  }

  @Bean
  VteMetrics vteMetrics(CdrStore store, MetricDefinitions definitions) {
    return new VteMetrics(store, definitions);
  }
}
