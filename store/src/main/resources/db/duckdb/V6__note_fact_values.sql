-- Values and codes on note facts, DuckDB dialect. Keep in step with db/postgresql/V6__note_fact_values.sql.
--
-- The quantity a note gives for a mention (core NoteFact value, numericValue, unit): T 36.5°C on a vital
-- sign, 12.5×10^9/L on a lab test, 10余年 on a symptom, 0.4ml 皮下注射 qd on a drug. Named as in lab_result:
-- text_value is the value as written in normalised form, numeric_value its number when it is one number (a
-- blood pressure is two and has none), unit the unit of that number.
-- And the standard code the pipeline found for the mention in the hospital's vocabulary (NoteFact code:
-- ICD-10 for a disease, ICD-9-CM-3 for an operation), beside concept, which keeps the lexicon's term; named
-- as the std_* columns of diagnosis and operation.
-- All nullable: most mentions have neither, and rows written before this version have none until their notes
-- are structured again by a pipeline that reads them (tianshu-nlp-lexicon-3 or later).

ALTER TABLE note_fact ADD COLUMN text_value VARCHAR;
ALTER TABLE note_fact ADD COLUMN numeric_value DOUBLE;
ALTER TABLE note_fact ADD COLUMN unit VARCHAR;
ALTER TABLE note_fact ADD COLUMN std_system VARCHAR;
ALTER TABLE note_fact ADD COLUMN std_code VARCHAR;
ALTER TABLE note_fact ADD COLUMN std_display VARCHAR;
