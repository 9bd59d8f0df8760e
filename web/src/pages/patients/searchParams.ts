import type { PatientQuery } from '../../api/types';

export const PAGE_SIZE = 20;

/** The patient search lives in the URL, so that going back from a patient restores it. */
export function queryFromParams(params: URLSearchParams): PatientQuery {
  const page = Number(params.get('page') ?? '0');
  return {
    q: params.get('q') ?? undefined,
    department: params.get('department') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    page: Number.isInteger(page) && page >= 0 ? page : 0,
    size: PAGE_SIZE,
  };
}

export function paramsFromQuery(query: PatientQuery): URLSearchParams {
  const params = new URLSearchParams();
  const set = (key: string, value: string | undefined) => {
    if (value) params.set(key, value);
  };
  set('q', query.q?.trim());
  set('department', query.department);
  set('from', query.from);
  set('to', query.to);
  if (query.page > 0) params.set('page', String(query.page));
  return params;
}
