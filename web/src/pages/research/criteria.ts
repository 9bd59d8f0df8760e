// The cohort builder's form model and its translation to the criteria language (docs/criteria-language.md).
// The form covers the common shapes; anything else is edited in the JSON tab, which is the definition itself.

export type Domain = 'diagnosis' | 'operation' | 'drug' | 'lab' | 'noteFact' | 'encounter' | 'demographics';
export type Relation = 'any' | 'before' | 'after' | 'around';
export type Assertion = 'AFFIRMED' | 'NEGATED' | 'ANY';
export type Temporality = 'CURRENT' | 'HISTORICAL' | 'ANY';
export type Experiencer = 'PATIENT' | 'FAMILY' | 'ANY';

export interface CriterionDraft {
  domain: Domain;
  /** Code patterns (`I21.*`), or note-fact concepts. */
  codes: string[];
  /** Note-fact words the mention must contain. */
  texts: string[];
  valueMin?: number | null;
  valueMax?: number | null;
  relation: Relation;
  days?: number | null;
  hours?: number | null;
  sameEncounter: boolean;
  ageMin?: number | null;
  ageMax?: number | null;
  sex: string[];
  encounterTypes: string[];
  assertion: Assertion;
  temporality: Temporality;
  experiencer: Experiencer;
}

export interface RuleDraft {
  key: number;
  name: string;
  /** Patients with such a fact are excluded (a NONE group around the criterion). */
  exclude: boolean;
  criterion: CriterionDraft;
}

export interface CohortDraft {
  name: string;
  occurrence: 'FIRST' | 'EVERY';
  index: CriterionDraft;
  rules: RuleDraft[];
}

/** The code system each coded domain uses by default in the language. */
export const DEFAULT_SYSTEMS: Partial<Record<Domain, string>> = {
  diagnosis: 'icd10',
  operation: 'icd9cm3',
  drug: 'ts-drug',
  lab: 'loinc',
};

export function emptyCriterion(domain: Domain = 'diagnosis'): CriterionDraft {
  return {
    domain,
    codes: [],
    texts: [],
    relation: 'any',
    sameEncounter: false,
    sex: [],
    encounterTypes: [],
    assertion: 'AFFIRMED',
    temporality: 'ANY',
    experiencer: 'PATIENT',
  };
}

const isNumber = (value: number | null | undefined): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** What is still missing before a criterion can be sent, or null when it is complete. */
export function missing(c: CriterionDraft): 'codes' | 'age' | null {
  if (['diagnosis', 'operation', 'drug', 'lab'].includes(c.domain) && c.codes.length === 0) return 'codes';
  if (c.domain === 'noteFact' && c.codes.length === 0 && c.texts.length === 0) return 'codes';
  if (c.domain === 'demographics' && !isNumber(c.ageMin) && !isNumber(c.ageMax) && c.sex.length === 0) return 'age';
  return null;
}

/**
 * One criterion as the language's JSON. `scoped` adds window and same-encounter (rules have them, the index
 * event may not).
 */
export function criterionJson(c: CriterionDraft, scoped: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { type: c.domain };
  switch (c.domain) {
    case 'demographics': {
      const age: Record<string, number> = {};
      if (isNumber(c.ageMin)) age.min = c.ageMin;
      if (isNumber(c.ageMax)) age.max = c.ageMax;
      if (Object.keys(age).length > 0) out.age = age;
      if (c.sex.length > 0) out.sex = c.sex;
      return out;
    }
    case 'diagnosis':
    case 'operation':
    case 'drug':
    case 'lab':
      out.codes = { system: DEFAULT_SYSTEMS[c.domain], include: c.codes };
      if (c.domain === 'lab' && (isNumber(c.valueMin) || isNumber(c.valueMax))) {
        const value: Record<string, number> = {};
        if (isNumber(c.valueMin)) value.min = c.valueMin;
        if (isNumber(c.valueMax)) value.max = c.valueMax;
        out.value = value;
      }
      break;
    case 'noteFact':
      if (c.codes.length > 0) out.concept = c.codes;
      if (c.texts.length > 0) out.text = c.texts;
      out.assertion = c.assertion;
      out.temporality = c.temporality;
      out.experiencer = c.experiencer;
      break;
    case 'encounter':
      if (c.encounterTypes.length > 0) out.encounterType = c.encounterTypes;
      break;
  }
  if (scoped) {
    if (c.relation !== 'any') {
      const window: Record<string, unknown> = { relation: c.relation };
      if (isNumber(c.days) && c.days > 0) window.days = c.days;
      if (isNumber(c.hours) && c.hours > 0) window.hours = c.hours;
      out.window = window;
    }
    if (c.sameEncounter) out.sameEncounter = true;
  }
  return out;
}

/** The whole definition; rules still missing something are left out so live counts keep working. */
export function definitionJson(draft: CohortDraft): Record<string, unknown> {
  const rules = draft.rules
    .filter((r) => missing(r.criterion) === null && r.name.trim() !== '')
    .map((r) => {
      const criterion = criterionJson(r.criterion, r.criterion.domain !== 'demographics');
      return {
        name: r.name.trim(),
        criterion: r.exclude ? { type: 'group', match: 'NONE', criteria: [criterion] } : criterion,
      };
    });
  return {
    version: 1,
    name: draft.name,
    index: { occurrence: draft.occurrence, criterion: criterionJson(draft.index, false) },
    rules,
  };
}

/** Rule names must be unique in the language; a new rule gets the first free "rule n". */
export function nextRuleName(rules: RuleDraft[], base: string): string {
  const names = new Set(rules.map((r) => r.name));
  for (let n = rules.length + 1; ; n++) {
    const name = `${base} ${n}`;
    if (!names.has(name)) return name;
  }
}
