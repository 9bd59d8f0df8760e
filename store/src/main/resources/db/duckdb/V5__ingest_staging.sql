-- Ingest staging, DuckDB dialect. Keep in step with db/postgresql/V5__ingest_staging.sql.
--
-- Written by the ingest module (io.tianshu.ingest.staging.StagingStore). Every message is staged here, raw,
-- before it is applied to the CDR, and keeps its row afterwards: the row's status says what became of it.
-- status: STAGED (durable, waiting to be applied), APPLIED (effect ACCEPTED: it added records; UPDATED: it only
-- changed records that were there), DUPLICATE (the same bytes from the same source were staged before:
-- duplicate_of names that row, raw is not stored twice), HELD (waits for its patient or visit, patient_id
-- names whose arrival releases it), QUARANTINED (error_code TS-INGEST-nnn and a readable reason) and
-- SUPERSEDED (a quarantined message whose corrected copy, replay_of = its id, was staged; kept as received).
-- A status changes in the same transaction as the CDR batch that applied the message (batch_id), so a crash
-- never leaves a message applied but STAGED, or marked APPLIED without its records (docs/adr/0010).
-- id is the arrival order, given by the stager; arrived_at is UTC. hash_prefix (the first 8 bytes of the
-- SHA-256) lets a staging batch find earlier copies by scanning one BIGINT column.
-- No primary keys or indexes, as in V3__vte.sql: DuckDB checks unique keys eagerly, and rows here are updated
-- in sets; one process owns a DuckDB file, and its stager serialises the ids.

CREATE TABLE ingest_message (
  id BIGINT NOT NULL,
  source VARCHAR NOT NULL,
  source_id VARCHAR,
  content_sha256 VARCHAR NOT NULL,
  hash_prefix BIGINT NOT NULL,
  channel VARCHAR NOT NULL,
  arrived_at TIMESTAMP NOT NULL,
  raw BLOB,
  charset VARCHAR,
  message_type VARCHAR,
  status VARCHAR NOT NULL,
  effect VARCHAR,
  error_code VARCHAR,
  reason VARCHAR,
  attempts INTEGER NOT NULL,
  patient_id VARCHAR,
  duplicate_of BIGINT,
  replay_of BIGINT,
  batch_id VARCHAR,
  decided_at TIMESTAMP
);

-- One row per patient merge (ADT^A40) applied: the prior patient's records were moved onto the surviving
-- patient and the prior patient removed, in the CDR batch batch_id. Later messages that still name the prior
-- patient land on the surviving one (the ingest applier reads this table as an alias list).
CREATE TABLE ingest_patient_merge (
  merged_at TIMESTAMP NOT NULL,
  message_id BIGINT NOT NULL,
  surviving_patient_id VARCHAR NOT NULL,
  prior_patient_id VARCHAR NOT NULL,
  records_moved INTEGER NOT NULL,
  batch_id VARCHAR NOT NULL
);
