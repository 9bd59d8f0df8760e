package io.tianshu.server.ingest;

import io.tianshu.ingest.cda.CdaFiles;
import io.tianshu.ingest.fhir.FhirFiles;
import io.tianshu.ingest.mllp.MllpListener;
import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.ingest.staging.IngestSettings;
import io.tianshu.ingest.staging.RecordEnricher;
import io.tianshu.ingest.table.TableFiles;
import io.tianshu.server.config.TianshuProperties;
import io.tianshu.server.nlp.NoteStructuring;
import io.tianshu.store.CdrStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HL7 v2 feed of this server (one per store: staging and applying are serialised in it) and,
 * when {@code tianshu.ingest.mllp-port} is set, an MLLP listener that stages into it.
 */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

  @Bean
  IngestFeed hl7v2Feed(CdrStore store, TianshuProperties properties) {
    TianshuProperties.Ingest ingest = properties.ingest();
    IngestSettings settings =
        new IngestSettings(
            properties.timeZone(),
            ingest.holdTime(),
            ingest.resultsRegisterPatients(),
            IngestSettings.defaults().batchSize());
    // Documents that arrive are read into note facts as they are written, coded with the CDR's
    // own vocabulary as it stands at the first apply (after the demo or a migration has loaded).
    RecordEnricher notes =
        ingest.readNotes()
            ? NoteStructuring.enricher(() -> NoteStructuring.forStore(store))
            : RecordEnricher.NONE;
    return new IngestFeed(store, settings, Clock.systemUTC(), List.of(), notes);
  }

  @Bean
  IngestUploads ingestUploads(IngestFeed feed, TianshuProperties properties) {
    java.util.Map<String, IngestUploads.Connector> connectors =
        new java.util.HashMap<>(IngestUploads.hl7v2());
    connectors.put(
        "cda", (f, file, source, mapping) -> CdaFiles.ingest(f, List.of(file), source, p -> {}));
    connectors.put(
        "fhir", (f, file, source, mapping) -> FhirFiles.ingest(f, List.of(file), source, p -> {}));
    connectors.put(
        "table",
        (f, file, source, mapping) ->
            TableFiles.ingest(
                f, IngestUploads.shippedMapping(mapping), source, List.of(file), p -> {}));
    return new IngestUploads(feed, properties.dataDir().resolve("ingest-uploads"), connectors);
  }

  @Bean
  @ConditionalOnProperty("tianshu.ingest.mllp-port")
  MllpService mllpService(IngestFeed feed, TianshuProperties properties) {
    return new MllpService(
        feed, properties.ingest().mllpPort(), properties.dataDir().resolve("ingest-inbox"));
  }

  /**
   * Starts the listener with the server and stops it (applying what was staged) before the store
   * closes.
   */
  static final class MllpService implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(MllpService.class);

    private final IngestFeed feed;
    private final int port;
    private final java.nio.file.Path inboxDir;
    private volatile MllpListener listener;

    MllpService(IngestFeed feed, int port, java.nio.file.Path inboxDir) {
      this.feed = feed;
      this.port = port;
      this.inboxDir = inboxDir;
    }

    @Override
    public void start() {
      try {
        listener = MllpListener.start(feed, new InetSocketAddress(port), inboxDir);
        LOG.info("HL7 v2 MLLP listener on port {}", listener.port());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot listen for MLLP on port " + port, e);
      }
    }

    @Override
    public void stop() {
      MllpListener running = listener;
      if (running != null) {
        running.close();
        listener = null;
      }
    }

    @Override
    public boolean isRunning() {
      return listener != null;
    }

    /** The bound port (useful when configured as 0). */
    int port() {
      return listener == null ? -1 : listener.port();
    }
  }
}
