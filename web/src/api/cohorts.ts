import { ApiError, get, post, readCookie, withQuery } from './client';

/** A definition in the criteria language (docs/criteria-language.md), as JSON. */
export type CohortDefinitionJson = Record<string, unknown>;

export interface RuleCount {
  rule: string;
  remaining: number | null;
}

/** `null` counts are suppressed small cells (1–9) for users without identified-data rights. */
export interface CohortCount {
  count: number | null;
  index: number | null;
  attrition: RuleCount[];
  elapsed_ms: number;
  suppressed_below: number | null;
  demographics?: { sex: Record<string, number | null>; age_bands: Record<string, number | null> };
}

export interface CohortPreview {
  index: number | null;
  count: number | null;
  rules: { rule: string; alone: number | null; remaining: number | null }[];
  elapsed_ms: number;
  suppressed_below: number | null;
}

export interface SavedCohortSummary {
  id: string;
  version: number;
  name: string;
  description: string | null;
  created_by: string;
  created_at: string;
}

export interface SavedCohortDetail extends SavedCohortSummary {
  definition: CohortDefinitionJson;
  versions: SavedCohortSummary[];
}

export interface FactDetail {
  domain: string;
  id: string;
  encounterId: string;
  at: string;
  label: string;
  documentId: string | null;
  start: number | null;
  end: number | null;
}

export interface CohortPatient {
  patient_id: string;
  name: string;
  mrn: string | null;
  sex: string;
  age_at_index: number | null;
  index_at: string;
  index: FactDetail | null;
  evidence: { rule: string; satisfied: boolean; kind: 'facts' | 'demographics' | 'absence'; facts: FactDetail[] }[];
}

export interface CohortPatients {
  id: string;
  version: number;
  page: number;
  size: number;
  total: number | null;
  suppressed_below: number | null;
  patients: CohortPatient[];
}

export interface CodeEntry {
  system: string;
  code: string;
  display: string;
  facts: number;
}

/** Roles that may build cohorts (every role that reads patient data; researchers see it de-identified). */
export const COHORT_ROLES = ['ADMIN', 'DATA_STEWARD', 'CLINICIAN', 'RESEARCHER', 'QUALITY_OFFICER'];

export const cohortApi = {
  count: (definition: CohortDefinitionJson, demographics = false) =>
    post<CohortCount>(withQuery('/api/cohorts/count', { demographics: demographics || undefined }), definition),
  preview: (definition: CohortDefinitionJson) => post<CohortPreview>('/api/cohorts/preview', definition),
  list: (signal?: AbortSignal) => get<SavedCohortSummary[]>('/api/cohorts', signal),
  get: (id: string, version: number | undefined, signal?: AbortSignal) =>
    get<SavedCohortDetail>(withQuery(`/api/cohorts/${encodeURIComponent(id)}`, { version }), signal),
  save: (name: string, description: string, definition: CohortDefinitionJson) =>
    post<SavedCohortSummary>('/api/cohorts', { name, description, definition }),
  saveVersion: (id: string, name: string, description: string, definition: CohortDefinitionJson) =>
    post<SavedCohortSummary>(`/api/cohorts/${encodeURIComponent(id)}/versions`, { name, description, definition }),
  savedCount: (id: string, version: number | undefined, signal?: AbortSignal) =>
    get<CohortCount>(withQuery(`/api/cohorts/${encodeURIComponent(id)}/count`, { version }), signal),
  patients: (id: string, version: number | undefined, page: number, size: number, signal?: AbortSignal) =>
    get<CohortPatients>(withQuery(`/api/cohorts/${encodeURIComponent(id)}/patients`, { version, page, size }), signal),
  codes: (domain: string, q: string, signal?: AbortSignal) =>
    get<CodeEntry[]>(withQuery('/api/cohorts/codes', { domain, q }), signal),
};

/** A dataset file downloaded from a saved cohort (docs/research-export.md). */
export interface ExportedDataset {
  blob: Blob;
  fileName: string;
  rows: number;
  deidentified: boolean;
}

/** Exports a saved cohort as CSV or Parquet; the body is a dataset specification. */
export async function exportDataset(
  id: string,
  version: number | undefined,
  format: 'csv' | 'parquet',
  identified: boolean,
  spec: unknown,
): Promise<ExportedDataset> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: '*/*' };
  const token = readCookie('XSRF-TOKEN', document.cookie);
  if (token) headers['X-XSRF-TOKEN'] = token;
  const response = await fetch(
    withQuery(`/api/cohorts/${encodeURIComponent(id)}/export`, { version, format, identified: identified || undefined }),
    { method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify(spec) },
  );
  if (!response.ok) {
    const problem = (response.headers.get('content-type') ?? '').includes('json') ? await response.json() : null;
    throw new ApiError(response.status, problem, `HTTP ${response.status}`);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const fileName = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? `${id}.${format}`;
  return {
    blob: await response.blob(),
    fileName,
    rows: Number(response.headers.get('x-tianshu-rows') ?? 0),
    deidentified: response.headers.get('x-tianshu-deidentified') === 'true',
  };
}

/** A starting dataset for the export dialog: age, sex and a few counts and times a registry usually wants. */
export const DEFAULT_DATASET = {
  version: 1,
  name: '专病库导出',
  variables: [
    { name: 'age', demographic: 'AGE' },
    { name: 'sex', demographic: 'SEX' },
    {
      name: 'diagnoses_same_stay',
      aggregate: 'COUNT',
      distinct: 'CODE',
      criterion: { type: 'diagnosis', codes: { include: ['*'] }, sameEncounter: true },
    },
    {
      name: 'first_operation_at',
      aggregate: 'FIRST_TIME',
      criterion: { type: 'operation', codes: { include: ['*'] }, window: { relation: 'after', days: 30 } },
    },
    {
      name: 'lab_results_7d',
      aggregate: 'COUNT',
      criterion: { type: 'lab', codes: { system: 'loinc', include: ['*'] }, window: { relation: 'around', days: 7 } },
    },
  ],
};
