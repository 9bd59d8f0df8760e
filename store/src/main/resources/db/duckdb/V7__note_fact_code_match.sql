-- How note facts reached their codes, DuckDB dialect. Keep in step with db/postgresql/V7__note_fact_code_match.sql.
--
-- A note fact's standard code (V6 std_*) is found by matching the mention against the hospital's vocabulary:
-- exactly, by a synonym, or fuzzily by character similarity (nlp ConceptNormalizer). std_match_kind keeps which
-- (core CodeMatch: EXACT, SYNONYM, FUZZY) and std_confidence how far to trust the code, in [0, 1] (1.0 exact,
-- 0.9 synonym, 0.8 x similarity fuzzy: an order of trust, not a probability). Both are null when there is no
-- code, and together.
-- Rows written before this version: a vital sign's LOINC code comes from a fixed table (nlp NoteStructurer),
-- so it is exact with confidence 1, as the pipeline now writes it. How a disease or operation code was found
-- was not kept and cannot be told from the row: those codes stay, with kind and confidence null (unknown),
-- until their notes are structured again (tianshu-nlp-lexicon-4 or later), rather than be lost or shown
-- with a kind they may not have.

ALTER TABLE note_fact ADD COLUMN std_match_kind VARCHAR;
ALTER TABLE note_fact ADD COLUMN std_confidence DOUBLE;
UPDATE note_fact SET std_match_kind = 'EXACT', std_confidence = 1.0
  WHERE fact_type = 'vital' AND std_system = 'loinc';
