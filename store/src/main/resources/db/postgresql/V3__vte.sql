-- VTE decision support, PostgreSQL dialect. Keep in step with db/duckdb/V3__vte.sql.
--
-- Written by the cds module (io.tianshu.cds.vte.store). Assessments are derived data: the row keeps the
-- knowledge versions it was computed with and the whole assessment as JSON (detail), so a stored score can
-- always be explained after the knowledge files change. An assessment's id is deterministic
-- (encounter, time, reason): re-running a backfill replaces rows instead of duplicating them.

CREATE TABLE vte_assessment (
  id VARCHAR PRIMARY KEY,
  patient_id VARCHAR NOT NULL,
  encounter_id VARCHAR NOT NULL,
  department VARCHAR,
  assessed_at TIMESTAMP NOT NULL,
  reason VARCHAR NOT NULL,
  surgical BOOLEAN NOT NULL,
  risk_model VARCHAR NOT NULL,
  risk_version VARCHAR NOT NULL,
  risk_score DOUBLE PRECISION NOT NULL,
  risk_band VARCHAR NOT NULL,
  at_risk BOOLEAN NOT NULL,
  bleeding_model VARCHAR NOT NULL,
  bleeding_version VARCHAR NOT NULL,
  bleeding_score DOUBLE PRECISION NOT NULL,
  bleeding_band VARCHAR NOT NULL,
  bleeding_high BOOLEAN NOT NULL,
  recommendation VARCHAR NOT NULL,
  pharm_in_place BOOLEAN NOT NULL,
  mech_in_place BOOLEAN NOT NULL,
  pharm_contraindicated BOOLEAN NOT NULL,
  unknown_items INTEGER NOT NULL,
  detail TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL
);
CREATE INDEX vte_assessment_stay ON vte_assessment (encounter_id, assessed_at);

-- One row per alert kind and stay; status OPEN, ACKNOWLEDGED (with who, when and why) or RESOLVED.
CREATE TABLE vte_alert (
  id VARCHAR PRIMARY KEY,
  patient_id VARCHAR NOT NULL,
  encounter_id VARCHAR NOT NULL,
  department VARCHAR,
  kind VARCHAR NOT NULL,
  raised_at TIMESTAMP NOT NULL,
  message TEXT NOT NULL,
  status VARCHAR NOT NULL,
  acknowledged_by VARCHAR,
  acknowledged_at TIMESTAMP,
  ack_reason TEXT,
  resolved_at TIMESTAMP
);
CREATE INDEX vte_alert_status ON vte_alert (status, department);

-- One row per inpatient stay: what the VTE-centre metrics count (by department and discharge month).
CREATE TABLE vte_stay (
  encounter_id VARCHAR PRIMARY KEY,
  patient_id VARCHAR NOT NULL,
  department VARCHAR NOT NULL,
  admitted_at TIMESTAMP NOT NULL,
  discharged_at TIMESTAMP,
  discharge_month VARCHAR,
  age_years INTEGER,
  surgical BOOLEAN NOT NULL,
  risk_assessed_at TIMESTAMP,
  bleeding_assessed_at TIMESTAMP,
  risk_assessed_24h BOOLEAN NOT NULL,
  risk_model VARCHAR,
  max_band VARCHAR,
  at_risk BOOLEAN NOT NULL,
  bleeding_high BOOLEAN NOT NULL,
  recommendation VARCHAR,
  pharmacological BOOLEAN NOT NULL,
  mechanical BOOLEAN NOT NULL,
  appropriate BOOLEAN NOT NULL,
  ha_vte BOOLEAN NOT NULL,
  ha_vte_at TIMESTAMP,
  computed_at TIMESTAMP NOT NULL
);
CREATE INDEX vte_stay_month ON vte_stay (discharge_month, department);
