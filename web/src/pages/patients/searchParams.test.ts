import { describe, expect, it } from 'vitest';
import { paramsFromQuery, queryFromParams } from './searchParams';

describe('patient search params', () => {
  it('round-trips a query through the URL', () => {
    const query = { q: '张三', department: '骨科', from: '2025-01-01', to: '2025-03-31', page: 2, size: 20 };
    expect(queryFromParams(paramsFromQuery(query))).toEqual(query);
  });

  it('leaves out empty fields and the first page', () => {
    expect(paramsFromQuery({ q: '  ', page: 0, size: 20 }).toString()).toBe('');
  });

  it('falls back to the first page on a bad page number', () => {
    expect(queryFromParams(new URLSearchParams('page=-3')).page).toBe(0);
    expect(queryFromParams(new URLSearchParams('page=abc')).page).toBe(0);
  });
});
