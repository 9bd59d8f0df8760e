import { get, post } from './client';
import type { DocumentType } from './types';

// Document search (GET /api/search/documents): offsets are UTF-16 offsets into the document text as the
// caller may read it (researchers get a scrubbed text), E exclusive, as the patient page's document viewer uses.

export type SearchMode = 'affirmed' | 'all';
export type SearchSort = 'relevance' | 'newest';

export interface DocumentSearchQuery {
  q?: string;
  mode: SearchMode;
  types: DocumentType[];
  departments: string[];
  from?: string;
  to?: string;
  sort: SearchSort;
  page: number;
  size: number;
}

export interface TextSpan {
  start: number;
  end: number;
}

/** A passage of the document: `text` is the document text from `start` to `end`, `marks` the query words in it. */
export interface Snippet extends TextSpan {
  text: string;
  marks: TextSpan[];
}

/** A note fact a query word falls on, with the context the NLP pipeline read. */
export interface MatchedFact extends TextSpan {
  id: string;
  type: string;
  concept: string;
  surface: string;
  negated: boolean;
  uncertain: boolean;
  historical: boolean;
  family: boolean;
}

export interface DocumentHit {
  documentId: string;
  patientId: string;
  encounterId: string;
  type: DocumentType;
  title: string;
  department: string | null;
  createdAt: string;
  score: number;
  snippets: Snippet[];
  facts: MatchedFact[];
}

export interface DocumentSearchPage {
  total: number;
  patients: number;
  page: number;
  size: number;
  mode: 'AFFIRMED' | 'ALL';
  hits: DocumentHit[];
  elapsedMs: number;
}

export interface SearchIndexStatus {
  built: boolean;
  building: boolean;
  documents: number;
  builtAt: string | null;
  buildMillis: number;
}

/** Roles that may rebuild the index. */
export const REINDEX_ROLES = ['ADMIN', 'DATA_STEWARD'] as const;

export const searchApi = {
  documents: (query: DocumentSearchQuery, signal?: AbortSignal) => {
    const params = new URLSearchParams();
    const scalars = { q: query.q, mode: query.mode, from: query.from, to: query.to, sort: query.sort, page: query.page, size: query.size };
    for (const [key, value] of Object.entries(scalars)) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    query.types.forEach((type) => params.append('type', type));
    query.departments.forEach((department) => params.append('department', department));
    return get<DocumentSearchPage>(`/api/search/documents?${params.toString()}`, signal);
  },
  status: (signal?: AbortSignal) => get<SearchIndexStatus>('/api/search/status', signal),
  reindex: () => post<SearchIndexStatus>('/api/search/reindex'),
};
