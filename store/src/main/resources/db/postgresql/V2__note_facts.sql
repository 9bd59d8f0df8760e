-- Note facts, PostgreSQL dialect. Keep in step with db/duckdb/V2__note_facts.sql.
--
-- What the NLP pipeline read from a patient's clinical documents (core NoteFact): one row per mention, with
-- its span in the document text, concept and context flags. Derived data, rebuilt from clinical_document by
-- the pipeline a row names, so rows carry that pipeline version instead of a source system. They belong to
-- the patient's record like every other table: re-loading the patient replaces them (patient_key, ord and
-- batch_id as in V1__cdr.sql).

CREATE TABLE note_fact (
  patient_key BIGINT NOT NULL,
  patient_id VARCHAR NOT NULL,
  encounter_id VARCHAR NOT NULL,
  document_id VARCHAR NOT NULL,
  ord INTEGER NOT NULL,
  id VARCHAR NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  fact_type VARCHAR NOT NULL,
  surface VARCHAR NOT NULL,
  concept VARCHAR NOT NULL,
  negated BOOLEAN NOT NULL,
  uncertain BOOLEAN NOT NULL,
  historical BOOLEAN NOT NULL,
  family BOOLEAN NOT NULL,
  section VARCHAR,
  documented_at TIMESTAMP NOT NULL,
  pipeline VARCHAR NOT NULL,
  batch_id VARCHAR NOT NULL
);

-- Batches committed before this version wrote no note facts.
ALTER TABLE load_batch ADD COLUMN note_facts BIGINT NOT NULL DEFAULT 0;

CREATE INDEX note_fact_key_idx ON note_fact (patient_key);
-- Cohorts select patients by what their notes say.
CREATE INDEX note_fact_concept_idx ON note_fact (concept);
