package io.tianshu.server.vte;

import io.tianshu.cds.vte.ward.VteWard;
import io.tianshu.store.CdrStore;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps VTE assessments current. At start-up, when the store has patients but no VTE stays yet (a
 * fresh demo or a first installation), every inpatient stay is assessed at its trigger times;
 * afterwards the patients in hospital are re-assessed on a schedule, which is how new data that
 * arrived through the connectors reach their assessment and alerts.
 */
@Component
@Order(20)
class VteRefresh implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(VteRefresh.class);

  /** Patients read per bulk read: memory stays small, reads stay few. */
  private static final int CHUNK = 500;

  private final CdrStore store;
  private final VteWard ward;
  private final Clock clock;

  VteRefresh(CdrStore store, VteWard ward, Clock clock) {
    this.store = store;
    this.ward = ward;
    this.clock = clock;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (store.counts().patients() == 0 || stays() > 0) {
      return;
    }
    long started = System.nanoTime();
    Summary s = process(ward.inpatientIds(LocalDateTime.now(clock), false));
    log.info(
        "VTE backfill: {} stays, {} assessments, {} alerts in {} ms",
        s.stays,
        s.assessments,
        s.alerts,
        (System.nanoTime() - started) / 1_000_000);
  }

  /** Re-assesses the patients in hospital (every 15 minutes by default). */
  @Scheduled(
      initialDelayString = "${tianshu.vte.refresh-minutes:15}",
      fixedDelayString = "${tianshu.vte.refresh-minutes:15}",
      timeUnit = java.util.concurrent.TimeUnit.MINUTES)
  void refreshCurrent() {
    process(ward.inpatientIds(LocalDateTime.now(clock), true));
  }

  record Summary(int stays, int assessments, int alerts) {}

  Summary process(List<String> patientIds) {
    LocalDateTime now = LocalDateTime.now(clock);
    int stays = 0;
    int assessments = 0;
    int alerts = 0;
    for (int from = 0; from < patientIds.size(); from += CHUNK) {
      List<String> chunk = patientIds.subList(from, Math.min(patientIds.size(), from + CHUNK));
      VteWard.Processed p =
          ward.process(
              store.readPatients(chunk, ward.assessor().knowledge().noteConcepts()).values(), now);
      stays += p.stays();
      assessments += p.assessments();
      alerts += p.alertsRaised();
    }
    return new Summary(stays, assessments, alerts);
  }

  private long stays() {
    return store.inTransaction(
        c -> {
          try (var s = c.prepareStatement("SELECT COUNT(*) FROM vte_stay");
              var rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }
}
