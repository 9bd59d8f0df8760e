import { describe, expect, it } from 'vitest';
import type { NoteFact } from '../../api/types';
import { runs, visibleFacts } from './noteMarks';

const fact = (start: number, end: number, extra: Partial<NoteFact> = {}): NoteFact => ({
  id: `f${start}-${end}`,
  documentId: 'D',
  encounterId: 'E',
  start,
  end,
  type: 'symptom',
  surface: '',
  concept: 'c',
  negated: false,
  uncertain: false,
  historical: false,
  family: false,
  section: null,
  pipeline: 'p',
  ...extra,
});

describe('note fact runs', () => {
  const text = '患者无发热，伴咳嗽咳痰。';

  it('covers the text exactly once, in order', () => {
    const facts = visibleFacts(text, [fact(3, 5, { negated: true }), fact(7, 9), fact(7, 11)]);
    const all = runs(text, facts);
    expect(all.map((r) => r.text).join('')).toBe(text);
    expect(all.filter((r) => r.fact).map((r) => r.text)).toEqual(['发热', '咳嗽咳痰']);
    expect(all.find((r) => r.text === '发热')?.fact?.negated).toBe(true);
  });

  it('drops spans outside the text and cuts facts at a range', () => {
    const facts = visibleFacts(text, [fact(3, 5), fact(10, 40), fact(6, 6)]);
    expect(facts.map((f) => f.id)).toEqual(['f3-5']);
    const inside = runs(text, facts, 4, 8);
    expect(inside.map((r) => r.text)).toEqual(['热', '，伴咳']);
    expect(inside[0].fact?.id).toBe('f3-5');
  });

  it('keeps surrogate pairs whole', () => {
    const withEmoji = '𠀀发热';
    const all = runs(withEmoji, visibleFacts(withEmoji, [fact(2, 4)]));
    expect(all.map((r) => r.text)).toEqual(['𠀀', '发热']);
  });
});
