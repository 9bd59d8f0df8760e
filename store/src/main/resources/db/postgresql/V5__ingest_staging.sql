-- Ingest staging, PostgreSQL dialect. Keep in step with db/duckdb/V5__ingest_staging.sql.
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
-- id is the arrival order, given by the stager under an advisory lock; arrived_at is UTC. hash_prefix (the
-- first 8 bytes of the SHA-256) lets a staging batch find earlier copies. Several Tianshu processes may stage
-- into one database: the partial unique index refuses a second original of the same content, so a race ends
-- with one original and the other process retrying its batch, which then finds a duplicate.

CREATE TABLE ingest_message (
  id BIGINT PRIMARY KEY,
  source VARCHAR NOT NULL,
  source_id VARCHAR,
  content_sha256 VARCHAR NOT NULL,
  hash_prefix BIGINT NOT NULL,
  channel VARCHAR NOT NULL,
  arrived_at TIMESTAMP NOT NULL,
  raw BYTEA,
  charset VARCHAR,
  message_type VARCHAR,
  status VARCHAR NOT NULL,
  effect VARCHAR,
  error_code VARCHAR,
  reason TEXT,
  attempts INTEGER NOT NULL,
  patient_id VARCHAR,
  duplicate_of BIGINT,
  replay_of BIGINT,
  batch_id VARCHAR,
  decided_at TIMESTAMP
);
CREATE UNIQUE INDEX ingest_message_original ON ingest_message (source, content_sha256)
  WHERE duplicate_of IS NULL;
CREATE INDEX ingest_message_hash ON ingest_message (hash_prefix);
CREATE INDEX ingest_message_status ON ingest_message (status, id);
CREATE INDEX ingest_message_held ON ingest_message (patient_id) WHERE status = 'HELD';
CREATE INDEX ingest_message_arrival ON ingest_message (source, arrived_at);

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
CREATE INDEX ingest_patient_merge_prior ON ingest_patient_merge (prior_patient_id);
