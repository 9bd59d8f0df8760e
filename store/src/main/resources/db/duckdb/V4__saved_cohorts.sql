-- Saved cohort definitions, DuckDB dialect. Keep in step with db/postgresql/V4__saved_cohorts.sql.
--
-- Written by the query module (io.tianshu.query.cohort.SavedCohorts). Rows are never updated: editing a
-- cohort adds a version, so a study can always name the exact definition it ran, and a reference
-- ({"type": "cohort", "id": ..., "version": n}) keeps its meaning.

CREATE TABLE saved_cohort (
  cohort_id VARCHAR NOT NULL,
  version INTEGER NOT NULL,
  name VARCHAR NOT NULL,
  description VARCHAR,
  definition_json VARCHAR NOT NULL,
  created_by VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  PRIMARY KEY (cohort_id, version)
);
