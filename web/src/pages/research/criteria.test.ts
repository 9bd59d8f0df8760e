import { describe, expect, it } from 'vitest';
import { definitionJson, emptyCriterion, missing, nextRuleName, type CohortDraft } from './criteria';

describe('definitionJson', () => {
  it('writes the STEMI-like example of the language documentation', () => {
    const draft: CohortDraft = {
      name: 'MI',
      occurrence: 'FIRST',
      index: { ...emptyCriterion('diagnosis'), codes: ['I21.*'], relation: 'after', days: 3 },
      rules: [
        { key: 1, name: 'adult', exclude: false, criterion: { ...emptyCriterion('demographics'), ageMin: 18 } },
        {
          key: 2,
          name: 'troponin high',
          exclude: false,
          criterion: { ...emptyCriterion('lab'), codes: ['10839-9'], valueMin: 0.5, relation: 'around', hours: 24 },
        },
        {
          key: 3,
          name: 'no earlier MI',
          exclude: true,
          criterion: { ...emptyCriterion('diagnosis'), codes: ['I25.2'], relation: 'before', days: 365 },
        },
      ],
    };
    expect(definitionJson(draft)).toEqual({
      version: 1,
      name: 'MI',
      // The index event has no window even if the form kept one.
      index: { occurrence: 'FIRST', criterion: { type: 'diagnosis', codes: { system: 'icd10', include: ['I21.*'] } } },
      rules: [
        { name: 'adult', criterion: { type: 'demographics', age: { min: 18 } } },
        {
          name: 'troponin high',
          criterion: {
            type: 'lab',
            codes: { system: 'loinc', include: ['10839-9'] },
            value: { min: 0.5 },
            window: { relation: 'around', hours: 24 },
          },
        },
        {
          name: 'no earlier MI',
          criterion: {
            type: 'group',
            match: 'NONE',
            criteria: [
              {
                type: 'diagnosis',
                codes: { system: 'icd10', include: ['I25.2'] },
                window: { relation: 'before', days: 365 },
              },
            ],
          },
        },
      ],
    });
  });

  it('writes note facts with their context and leaves out incomplete rules', () => {
    const draft: CohortDraft = {
      name: '',
      occurrence: 'EVERY',
      index: { ...emptyCriterion('encounter'), encounterTypes: ['INPATIENT'] },
      rules: [
        {
          key: 1,
          name: 'fever denied',
          exclude: false,
          criterion: { ...emptyCriterion('noteFact'), texts: ['发热'], assertion: 'NEGATED', sameEncounter: true },
        },
        { key: 2, name: 'unfinished', exclude: false, criterion: emptyCriterion('drug') },
      ],
    };
    const json = definitionJson(draft) as { rules: unknown[] };
    expect(json.rules).toEqual([
      {
        name: 'fever denied',
        criterion: {
          type: 'noteFact',
          text: ['发热'],
          assertion: 'NEGATED',
          temporality: 'ANY',
          experiencer: 'PATIENT',
          sameEncounter: true,
        },
      },
    ]);
  });
});

describe('missing and names', () => {
  it('knows what a criterion lacks', () => {
    expect(missing(emptyCriterion('lab'))).toBe('codes');
    expect(missing(emptyCriterion('demographics'))).toBe('age');
    expect(missing(emptyCriterion('encounter'))).toBeNull();
  });

  it('never repeats a rule name', () => {
    const rules = [{ key: 1, name: 'rule 2', exclude: false, criterion: emptyCriterion() }];
    expect(nextRuleName(rules, 'rule')).toBe('rule 3');
  });
});

describe('a cohort started from a search', () => {
  it('turns the searched words into a note-finding index event', async () => {
    const { initialDraft } = await import('./CohortBuilderPage');
    const draft = initialDraft(new URLSearchParams('noteText=发热&noteText=咳嗽'));
    expect(draft.index.domain).toBe('noteFact');
    expect(draft.index.texts).toEqual(['发热', '咳嗽']);
    expect(draft.index.assertion).toBe('AFFIRMED');
    expect(initialDraft(new URLSearchParams('noteText=发热&mode=all')).index.assertion).toBe('ANY');
    expect(initialDraft(new URLSearchParams('')).index.domain).toBe('encounter');
  });
});
