package io.tianshu.server.stats;

import io.tianshu.store.ActivityCount;
import io.tianshu.store.CdrCounts;
import io.tianshu.store.CdrStore;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Aggregate counts for the home page; no patient-level data, so no audit entry. */
@RestController
@RequestMapping("/api")
class StatsController {

  private final CdrStore store;

  StatsController(CdrStore store) {
    this.store = store;
  }

  record Activity(
      String department, String month, long patients, long admissions, long documents) {}

  record Overview(CdrCounts counts, List<Activity> activity) {}

  @GetMapping("/stats/overview")
  Overview overview() {
    List<Activity> activity = store.activity().stream().map(StatsController::activity).toList();
    return new Overview(store.counts(), activity);
  }

  @GetMapping("/departments")
  List<String> departments() {
    return store.departments();
  }

  private static Activity activity(ActivityCount a) {
    return new Activity(
        a.department(), a.month().toString(), a.patients(), a.admissions(), a.documents());
  }
}
