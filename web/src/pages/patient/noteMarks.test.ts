import { describe, expect, it } from 'vitest';
import type { NoteFact } from '../../api/types';
import { translate } from '../../i18n/messages';
import { codeText, factTitle, runs, visibleFacts } from './noteMarks';

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

describe('note fact hover text', () => {
  it('shows the value a note gives with its unit, in both languages', () => {
    const fever = fact(0, 2, {
      surface: '发热',
      concept: '发热',
      value: '3天',
      numericValue: 3,
      unit: '天',
      section: 'PRESENT_ILLNESS',
    });
    expect(factTitle(fever, '症状体征', (k) => translate('zh', k)).split('\n')).toEqual([
      '症状体征',
      '概念: 发热',
      '数值: 3天',
      '肯定',
      '段落: PRESENT_ILLNESS',
    ]);
    expect(factTitle(fever, 'Symptom/sign', (k) => translate('en', k))).toContain('Value: 3天');
  });

  const icd10 = { id: 'icd10', uri: 'http://hl7.org/fhir/sid/icd-10', name: 'ICD-10' };

  it('shows the code beside the concept with how it was matched and its confidence', () => {
    const hypertension = fact(0, 3, {
      concept: '高血压',
      code: { system: icd10, code: 'I10', display: '高血压' },
      codeMatch: 'FUZZY',
      codeConfidence: 0.6153846,
    });
    expect(factTitle(hypertension, '疾病诊断', (k) => translate('zh', k)).split('\n').slice(0, 3)).toEqual([
      '疾病诊断',
      '概念: 高血压',
      '编码: ICD-10 I10 高血压 · 近似匹配 0.62',
    ]);
    expect(factTitle(hypertension, 'Disease', (k) => translate('en', k))).toContain(
      'Code: ICD-10 I10 高血压 · fuzzy match 0.62',
    );
  });

  it('names exact and synonym matches in both languages', () => {
    const exact = fact(0, 3, { code: { system: icd10, code: 'I10', display: '高血压' }, codeMatch: 'EXACT', codeConfidence: 1 });
    const synonym = fact(0, 3, {
      code: { system: icd10, code: 'I25.1', display: '冠状动脉粥样硬化性心脏病' },
      codeMatch: 'SYNONYM',
      codeConfidence: 0.9,
    });
    expect(codeText(exact, (k) => translate('zh', k))).toBe('ICD-10 I10 高血压 · 精确匹配 1.00');
    expect(codeText(exact, (k) => translate('en', k))).toBe('ICD-10 I10 高血压 · exact match 1.00');
    expect(codeText(synonym, (k) => translate('zh', k))).toBe('ICD-10 I25.1 冠状动脉粥样硬化性心脏病 · 同义词匹配 0.90');
    expect(codeText(synonym, (k) => translate('en', k))).toBe('ICD-10 I25.1 冠状动脉粥样硬化性心脏病 · synonym match 0.90');
  });

  it('shows a code without a match kind as it is, and nothing without a code', () => {
    const older = fact(0, 3, { code: { system: icd10, code: 'I10', display: '' } });
    expect(codeText(older, (k) => translate('zh', k))).toBe('ICD-10 I10');
    expect(codeText(fact(0, 3), (k) => translate('zh', k))).toBe('');
  });

  it('has no value line for a fact without one, as facts of older pipelines are', () => {
    const title = factTitle(fact(0, 2, { negated: true }), 'Symptom/sign', (k) => translate('en', k));
    expect(title).not.toContain('Value');
    expect(title).not.toContain('Code');
    expect(title).toContain('Negated');
  });
});
