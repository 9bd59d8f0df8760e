package io.tianshu.server.cohort;

import com.fasterxml.jackson.databind.JsonNode;
import io.tianshu.query.criteria.CohortDefinition;
import io.tianshu.query.sql.CohortCount;
import io.tianshu.query.sql.RuleAttrition;
import io.tianshu.query.sql.SqlCohortEngine;
import io.tianshu.server.audit.AuditLog;
import io.tianshu.server.security.DataAccess;
import io.tianshu.store.CdrStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Counts a cohort definition over the CDR with its attrition. Users without identified-data rights
 * see counts from 1 to 9 suppressed, since small cells can single out patients.
 */
@RestController
@RequestMapping("/api/cohorts")
class CohortController {

  static final int SMALL_CELL = 10;

  private final SqlCohortEngine engine;
  private final AuditLog audit;

  CohortController(CdrStore store, AuditLog audit) {
    this.engine = new SqlCohortEngine(store);
    this.audit = audit;
  }

  @PostMapping("/count")
  Map<String, Object> count(@RequestBody JsonNode definition, Authentication user) {
    // A CriteriaException (TS-QUERY-001, 400) names the bad field by JSON pointer.
    CohortDefinition cohort = CohortDefinition.parse(definition.toString());
    audit.append(user.getName(), "COUNT_COHORT", null, "POST /api/cohorts/count", cohort.name());
    CohortCount result = engine.count(cohort);
    boolean suppress = DataAccess.deidentified(user);
    List<Map<String, Object>> attrition = new ArrayList<>();
    for (RuleAttrition rule : result.attrition()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("rule", rule.rule());
      row.put("remaining", shown(rule.remaining(), suppress));
      attrition.add(row);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("count", shown(result.count(), suppress));
    out.put("attrition", attrition);
    out.put("elapsed_ms", result.elapsedMs());
    out.put("suppressed_below", suppress ? SMALL_CELL : null);
    return out;
  }

  /** A count a de-identified user may see: null stands for "1 to 9". */
  static Long shown(long count, boolean suppress) {
    return suppress && count > 0 && count < SMALL_CELL ? null : count;
  }
}
