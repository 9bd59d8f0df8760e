-- Tianshu CDR schema, DuckDB dialect. Keep in step with db/postgresql/V1__cdr.sql.
--
-- Every table carries patient_key, a store-internal BIGINT assigned in load order: rows are appended in
-- patient_key order, so DuckDB's per-row-group min/max statistics (zone maps) find one patient's rows
-- without an index. patient_id stays beside it for joins written in the hospital's own ids.
-- No primary keys on CDR tables: a batch that re-loads a patient appends the new rows before deleting the
-- old ones in the same transaction, and DuckDB's ART indexes would also slow the bulk path.
-- ord is the row's position in the patient's (time-sorted) list, the tie-break for equal times.

CREATE TABLE patient (
  patient_key BIGINT NOT NULL,
  id VARCHAR NOT NULL,
  mrn VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  sex VARCHAR NOT NULL,
  birth_date DATE NOT NULL,
  id_number_hash VARCHAR,
  id_number_masked VARCHAR,
  phone VARCHAR,
  address VARCHAR,
  source_system VARCHAR NOT NULL,
  source_record_id VARCHAR NOT NULL,
  batch_id VARCHAR NOT NULL
);

CREATE TABLE patient_identifier (
  patient_key BIGINT NOT NULL,
  patient_id VARCHAR NOT NULL,
  ord INTEGER NOT NULL,
  system VARCHAR NOT NULL,
  value VARCHAR NOT NULL,
  batch_id VARCHAR NOT NULL
);

CREATE TABLE encounter (
  patient_key BIGINT NOT NULL,
  patient_id VARCHAR NOT NULL,
  ord INTEGER NOT NULL,
  id VARCHAR NOT NULL,
  encounter_type VARCHAR NOT NULL,
  department VARCHAR NOT NULL,
  ward VARCHAR,
  admitted_at TIMESTAMP NOT NULL,
  discharged_at TIMESTAMP,
  disposition VARCHAR,
  attending_doctor VARCHAR,
  source_system VARCHAR NOT NULL,
  source_record_id VARCHAR NOT NULL,
  batch_id VARCHAR NOT NULL
);

CREATE TABLE transfer (
  patient_key BIGINT NOT NULL,
  patient_id VARCHAR NOT NULL,
  encounter_id VARCHAR NOT NULL,
  ord INTEGER NOT NULL,
  id VARCHAR NOT NULL,
  from_department VARCHAR,
  from_ward VARCHAR,
  to_department VARCHAR NOT NULL,
  to_ward VARCHAR,
  transferred_at TIMESTAMP NOT NULL,
  source_system VARCHAR NOT NULL,
  source_record_id VARCHAR NOT NULL,
  batch_id VARCHAR NOT NULL
);

CREATE TABLE diagnosis (
  patient_key BIGINT NOT NULL,
  patient_id VARCHAR NOT NULL,
  encounter_id VARCHAR NOT NULL,
  ord INTEGER NOT NULL,
  id VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,
  is_main BOOLEAN NOT NULL,
  local_system VARCHAR NOT NULL,
  local_code VARCHAR NOT NULL,
  local_display VARCHAR NOT NULL,
  std_system VARCHAR,
  std_code VARCHAR,
  std_display VARCHAR,
  diagnosed_at TIMESTAMP NOT NULL,
  source_system VARCHAR NOT NULL,
  source_record_id VARCHAR NOT NULL,
  batch_id VARCHAR NOT NULL
);

CREATE TABLE operation (
  patient_key BIGINT NOT NULL,
  patient_id VARCHAR NOT NULL,
  encounter_id VARCHAR NOT NULL,
  ord INTEGER NOT NULL,
  id VARCHAR NOT NULL,
  local_system VARCHAR NOT NULL,
  local_code VARCHAR NOT NULL,
  local_display VARCHAR NOT NULL,
  std_system VARCHAR,
  std_code VARCHAR,
  std_display VARCHAR,
  started_at TIMESTAMP NOT NULL,
  ended_at TIMESTAMP,
  surgeon VARCHAR,
  anaesthesia VARCHAR,
  incision_class VARCHAR,
  surgical_level INTEGER NOT NULL,
  source_system VARCHAR NOT NULL,
  source_record_id VARCHAR NOT NULL,
  batch_id VARCHAR NOT NULL
);

CREATE TABLE medication_order (
  patient_key BIGINT NOT NULL,
  patient_id VARCHAR NOT NULL,
  encounter_id VARCHAR NOT NULL,
  ord INTEGER NOT NULL,
  id VARCHAR NOT NULL,
  category VARCHAR NOT NULL,
  local_system VARCHAR NOT NULL,
  local_code VARCHAR NOT NULL,
  local_display VARCHAR NOT NULL,
  std_system VARCHAR,
  std_code VARCHAR,
  std_display VARCHAR,
  dose DOUBLE,
  dose_unit VARCHAR,
  route VARCHAR,
  frequency VARCHAR,
  long_term BOOLEAN NOT NULL,
  start_at TIMESTAMP NOT NULL,
  stop_at TIMESTAMP,
  ordering_doctor VARCHAR,
  source_system VARCHAR NOT NULL,
  source_record_id VARCHAR NOT NULL,
  batch_id VARCHAR NOT NULL
);

CREATE TABLE medication_administration (
  patient_key BIGINT NOT NULL,
  patient_id VARCHAR NOT NULL,
  encounter_id VARCHAR NOT NULL,
  ord INTEGER NOT NULL,
  id VARCHAR NOT NULL,
  order_id VARCHAR,
  local_system VARCHAR NOT NULL,
  local_code VARCHAR NOT NULL,
  local_display VARCHAR NOT NULL,
  std_system VARCHAR,
  std_code VARCHAR,
  std_display VARCHAR,
  dose DOUBLE,
  dose_unit VARCHAR,
  route VARCHAR,
  administered_at TIMESTAMP NOT NULL,
  performer VARCHAR,
  source_system VARCHAR NOT NULL,
  source_record_id VARCHAR NOT NULL,
  batch_id VARCHAR NOT NULL
);

CREATE TABLE lab_result (
  patient_key BIGINT NOT NULL,
  patient_id VARCHAR NOT NULL,
  encounter_id VARCHAR NOT NULL,
  ord INTEGER NOT NULL,
  id VARCHAR NOT NULL,
  panel VARCHAR,
  local_system VARCHAR NOT NULL,
  local_code VARCHAR NOT NULL,
  local_display VARCHAR NOT NULL,
  std_system VARCHAR,
  std_code VARCHAR,
  std_display VARCHAR,
  numeric_value DOUBLE,
  text_value VARCHAR NOT NULL,
  unit VARCHAR,
  reference_low DOUBLE,
  reference_high DOUBLE,
  reference_text VARCHAR,
  flag VARCHAR NOT NULL,
  specimen VARCHAR,
  collected_at TIMESTAMP NOT NULL,
  reported_at TIMESTAMP,
  source_system VARCHAR NOT NULL,
  source_record_id VARCHAR NOT NULL,
  batch_id VARCHAR NOT NULL
);

CREATE TABLE vital_sign (
  patient_key BIGINT NOT NULL,
  patient_id VARCHAR NOT NULL,
  encounter_id VARCHAR NOT NULL,
  ord INTEGER NOT NULL,
  id VARCHAR NOT NULL,
  vital_type VARCHAR NOT NULL,
  measured_value DOUBLE NOT NULL,
  unit VARCHAR NOT NULL,
  loinc_code VARCHAR NOT NULL,
  measured_at TIMESTAMP NOT NULL,
  source_system VARCHAR NOT NULL,
  source_record_id VARCHAR NOT NULL,
  batch_id VARCHAR NOT NULL
);

CREATE TABLE exam_report (
  patient_key BIGINT NOT NULL,
  patient_id VARCHAR NOT NULL,
  encounter_id VARCHAR NOT NULL,
  ord INTEGER NOT NULL,
  id VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,
  local_system VARCHAR NOT NULL,
  local_code VARCHAR NOT NULL,
  local_display VARCHAR NOT NULL,
  std_system VARCHAR,
  std_code VARCHAR,
  std_display VARCHAR,
  body_site VARCHAR,
  findings VARCHAR NOT NULL,
  conclusion VARCHAR NOT NULL,
  examined_at TIMESTAMP NOT NULL,
  reported_at TIMESTAMP,
  source_system VARCHAR NOT NULL,
  source_record_id VARCHAR NOT NULL,
  batch_id VARCHAR NOT NULL
);

CREATE TABLE clinical_document (
  patient_key BIGINT NOT NULL,
  patient_id VARCHAR NOT NULL,
  encounter_id VARCHAR NOT NULL,
  ord INTEGER NOT NULL,
  id VARCHAR NOT NULL,
  document_type VARCHAR NOT NULL,
  title VARCHAR NOT NULL,
  author VARCHAR,
  event_at TIMESTAMP,
  created_at TIMESTAMP NOT NULL,
  signed_at TIMESTAMP,
  content VARCHAR NOT NULL,
  source_system VARCHAR NOT NULL,
  source_record_id VARCHAR NOT NULL,
  batch_id VARCHAR NOT NULL
);

CREATE TABLE load_batch (
  batch_id VARCHAR PRIMARY KEY,
  source_system VARCHAR NOT NULL,
  committed_at TIMESTAMP NOT NULL,
  patients BIGINT NOT NULL,
  documents BIGINT NOT NULL,
  facts BIGINT NOT NULL,
  rows_written BIGINT NOT NULL,
  millis BIGINT NOT NULL
);

-- The server's own small tables, written through CdrStore.inTransaction. "at" is a reserved word in
-- DuckDB, so it is quoted here and must be quoted in the server's SQL as well.
CREATE TABLE app_user (
  username VARCHAR PRIMARY KEY,
  display_name VARCHAR NOT NULL,
  password_hash VARCHAR NOT NULL,
  roles VARCHAR NOT NULL,
  enabled BOOLEAN NOT NULL,
  created_at TIMESTAMP NOT NULL
);

CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  "at" TIMESTAMP NOT NULL,
  username VARCHAR NOT NULL,
  action VARCHAR NOT NULL,
  patient_id VARCHAR,
  endpoint VARCHAR NOT NULL,
  detail VARCHAR,
  prev_hash VARCHAR NOT NULL,
  hash VARCHAR NOT NULL
);
