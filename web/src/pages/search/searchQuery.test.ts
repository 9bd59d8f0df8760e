import { describe, expect, it } from 'vitest';
import type { DocumentSearchQuery } from '../../api/search';
import { cohortWords, distinctFacts, paramsFromQuery, queryFromParams, snippetParts } from './searchQuery';

describe('document search params', () => {
  it('round-trips a query through the URL', () => {
    const query: DocumentSearchQuery = {
      q: '发热 AND "咳嗽咳痰"',
      mode: 'all',
      types: ['ADMISSION_NOTE', 'DISCHARGE_SUMMARY'],
      departments: ['呼吸内科', '心血管内科'],
      from: '2025-01-01',
      to: '2025-03-31',
      sort: 'newest',
      page: 2,
      size: 10,
    };
    expect(queryFromParams(paramsFromQuery(query))).toEqual(query);
  });

  it('defaults to affirmed mentions, best first, first page', () => {
    const query = queryFromParams(new URLSearchParams('q=胸痛'));
    expect(query).toMatchObject({ q: '胸痛', mode: 'affirmed', sort: 'relevance', page: 0, types: [] });
    expect(paramsFromQuery(query).toString()).toBe(new URLSearchParams({ q: '胸痛' }).toString());
  });

  it('drops what it cannot read', () => {
    const query = queryFromParams(new URLSearchParams('mode=x&type=LETTER&from=yesterday&page=-1&sort=y'));
    expect(query).toMatchObject({ mode: 'affirmed', types: [], from: undefined, page: 0, sort: 'relevance' });
  });
});

describe('snippet parts', () => {
  it('cuts the text at the marks, whose offsets are document offsets', () => {
    const snippet = { start: 100, end: 112, text: '患者出现发热，伴咳嗽咳痰。', marks: [] as { start: number; end: number }[] };
    snippet.end = 100 + snippet.text.length;
    snippet.marks = [
      { start: 104, end: 106 },
      { start: 108, end: 112 },
    ];
    expect(snippetParts(snippet)).toEqual([
      { text: '患者出现', marked: false },
      { text: '发热', marked: true },
      { text: '，伴', marked: false },
      { text: '咳嗽咳痰', marked: true },
      { text: '。', marked: false },
    ]);
  });

  it('keeps the whole text when a mark lies outside it', () => {
    const snippet = { start: 0, end: 4, text: '无发热。', marks: [{ start: 10, end: 12 }] };
    expect(snippetParts(snippet).map((p) => p.text).join('')).toBe('无发热。');
    expect(snippetParts(snippet).some((p) => p.marked)).toBe(false);
  });
});

describe('distinct facts', () => {
  const fact = (id: string, surface: string, negated: boolean) => ({
    id,
    type: 'symptom',
    concept: surface,
    surface,
    start: 0,
    end: surface.length,
    negated,
    uncertain: false,
    historical: false,
    family: false,
  });

  it('counts mentions read alike and keeps a denied one apart', () => {
    const facts = [fact('a', '发热', false), fact('b', '发热', true), fact('c', '发热', false)];
    expect(distinctFacts(facts).map(({ fact: f, count }) => [f.id, count])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
  });
});

describe('cohort words', () => {
  it('takes a word, a phrase or words joined by OR', () => {
    expect(cohortWords('发热')).toEqual(['发热']);
    expect(cohortWords('"胸痛伴大汗"')).toEqual(['胸痛伴大汗']);
    expect(cohortWords('胸痛 OR “胸闷” OR 心悸')).toEqual(['胸痛', '胸闷', '心悸']);
  });

  it('refuses what a list of words would not keep', () => {
    for (const q of ['发热 咳嗽', '发热 AND 咳嗽', 'NOT 发热', '咳嗽 -发热', '(胸痛 OR 胸闷)', '发*', 'title:发热', '发热 OR', 'OR 发热', '']) {
      expect(cohortWords(q), q).toBeNull();
    }
  });
});
