import type { DocumentSearchQuery, MatchedFact, Snippet } from '../../api/search';
import type { DocumentType } from '../../api/types';

export const PAGE_SIZE = 10;

const TYPES: readonly DocumentType[] = [
  'ADMISSION_NOTE',
  'FIRST_PROGRESS_NOTE',
  'PROGRESS_NOTE',
  'ATTENDING_ROUND_NOTE',
  'OPERATION_NOTE',
  'POSTOPERATIVE_NOTE',
  'TRANSFER_IN_NOTE',
  'DISCHARGE_SUMMARY',
  'DEATH_RECORD',
  'DEATH_DISCUSSION',
  'OUTPATIENT_NOTE',
];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The document search lives in the URL, so that going back from a patient restores it. */
export function queryFromParams(params: URLSearchParams): DocumentSearchQuery {
  const page = Number(params.get('page') ?? '0');
  const date = (key: string) => {
    const value = params.get(key) ?? '';
    return DATE.test(value) ? value : undefined;
  };
  return {
    q: params.get('q')?.trim() || undefined,
    mode: params.get('mode') === 'all' ? 'all' : 'affirmed',
    types: params.getAll('type').filter((t): t is DocumentType => (TYPES as readonly string[]).includes(t)),
    departments: params.getAll('department').filter((d) => d.trim() !== ''),
    from: date('from'),
    to: date('to'),
    sort: params.get('sort') === 'newest' ? 'newest' : 'relevance',
    page: Number.isInteger(page) && page >= 0 ? page : 0,
    size: PAGE_SIZE,
  };
}

export function paramsFromQuery(query: DocumentSearchQuery): URLSearchParams {
  const params = new URLSearchParams();
  const q = query.q?.trim();
  if (q) params.set('q', q);
  if (query.mode === 'all') params.set('mode', 'all');
  query.types.forEach((type) => params.append('type', type));
  query.departments.forEach((department) => params.append('department', department));
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  if (query.sort === 'newest') params.set('sort', 'newest');
  if (query.page > 0) params.set('page', String(query.page));
  return params;
}

export interface SnippetPart {
  text: string;
  marked: boolean;
}

/** A snippet's text cut at its marks (document offsets), clamped to the snippet; marks must not overlap. */
export function snippetParts(snippet: Snippet): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let at = 0;
  for (const mark of snippet.marks) {
    const start = Math.max(at, Math.min(snippet.text.length, mark.start - snippet.start));
    const end = Math.max(start, Math.min(snippet.text.length, mark.end - snippet.start));
    if (start > at) parts.push({ text: snippet.text.slice(at, start), marked: false });
    if (end > start) parts.push({ text: snippet.text.slice(start, end), marked: true });
    at = end;
  }
  if (at < snippet.text.length) parts.push({ text: snippet.text.slice(at), marked: false });
  return parts;
}

/** The facts of a hit, one per reading (surface, concept and flags), with how many mentions read so; in text order. */
export function distinctFacts(facts: MatchedFact[]): { fact: MatchedFact; count: number }[] {
  const byReading = new Map<string, { fact: MatchedFact; count: number }>();
  for (const fact of facts) {
    const key = [fact.surface, fact.concept, fact.negated, fact.uncertain, fact.historical, fact.family].join('\u0000');
    const seen = byReading.get(key);
    if (seen) seen.count += 1;
    else byReading.set(key, { fact, count: 1 });
  }
  return [...byReading.values()];
}

/**
 * The words of a query that is one word or phrase, or several joined by OR, for starting a cohort from it (the
 * cohort builder's note finding matches a mention containing any of its words); null for any other query, whose
 * AND, NOT, grouping or wildcards a list of words would not keep.
 */
export function cohortWords(q: string | undefined): string[] | null {
  if (!q) return null;
  const normalised = q.replace(/[“”「」＂]/g, '"').replace(/\u3000/g, ' ').trim();
  const tokens = normalised.match(/"[^"]*"|\S+/g) ?? [];
  const words: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (i % 2 === 1) {
      if (token !== 'OR') return null;
      continue;
    }
    const word = token.startsWith('"') ? token.slice(1, -1).trim() : token;
    if (!word || /["()（）*?:~^\\[\]{}+\-!]/.test(word) || ['AND', 'OR', 'NOT'].includes(word)) return null;
    words.push(word);
  }
  return words.length > 0 && tokens.length % 2 === 1 ? words : null;
}
