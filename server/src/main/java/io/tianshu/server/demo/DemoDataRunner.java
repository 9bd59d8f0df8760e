package io.tianshu.server.demo;

import io.tianshu.server.config.TianshuProperties;
import io.tianshu.store.CdrStore;
import java.time.Clock;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Loads {@code tianshu.demo.patients} synthetic patients at start-up when the CDR is empty, so that
 * a server started for tests or a trial has something to show, with a few example cohorts.
 */
@Component
@Order(10)
class DemoDataRunner implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoDataRunner.class);

  private final CdrStore store;
  private final TianshuProperties properties;
  private final Clock clock;

  DemoDataRunner(CdrStore store, TianshuProperties properties, Clock clock) {
    this.store = store;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public void run(ApplicationArguments args) {
    int patients = properties.demo().patients();
    if (patients <= 0 || store.counts().patients() > 0) {
      return;
    }
    var summary =
        SyntheticLoad.run(store, properties.demo().seed(), patients, LocalDate.now(clock), n -> {});
    log.info("Loaded synthetic hospital: {}", summary);
    log.info("Saved {} example cohorts", DemoCohorts.saveIfNone(store, clock));
  }
}
