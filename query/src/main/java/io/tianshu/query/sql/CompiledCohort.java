package io.tianshu.query.sql;

import java.util.List;

/**
 * A cohort compiled to SQL: a statement and its bound values, in placeholder order.
 *
 * @param sql the statement text with {@code ?} placeholders
 * @param params the values to bind
 */
record CompiledCohort(String sql, List<Object> params) {

  CompiledCohort {
    params = List.copyOf(params);
  }
}
