import type { Lab, LabFlag } from '../../api/types';
import { compareTime } from '../../format';
import { codeKey, codeName } from './codes';

/** A lab item with numeric results, for choosing what to chart. */
export interface NumericLabItem {
  key: string;
  name: string;
  unit: string | null;
  count: number;
}

export interface TrendPoint {
  at: string;
  value: number;
  flag: LabFlag | null;
}

export interface LabTrend {
  name: string;
  unit: string | null;
  points: TrendPoint[];
  referenceLow: number | null;
  referenceHigh: number | null;
}

const hasNumber = (lab: Lab): lab is Lab & { numericValue: number } =>
  typeof lab.numericValue === 'number' && Number.isFinite(lab.numericValue);

/** Items with at least one numeric result, most frequent first (ties by name). */
export function numericLabItems(labs: Lab[]): NumericLabItem[] {
  const items = new Map<string, NumericLabItem>();
  for (const lab of labs.filter(hasNumber)) {
    const key = codeKey(lab.item);
    const item = items.get(key) ?? { key, name: codeName(lab.item), unit: lab.unit, count: 0 };
    item.count += 1;
    items.set(key, item);
  }
  return [...items.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh-CN'));
}

/** Numeric values of one item over time, with the reference range of its latest result. */
export function labTrend(labs: Lab[], key: string): LabTrend | null {
  const results = labs
    .filter(hasNumber)
    .filter((lab) => codeKey(lab.item) === key)
    .sort((a, b) => compareTime(a.collectedAt, b.collectedAt));
  if (results.length === 0) return null;
  const latest = results[results.length - 1];
  const withRange = [...results].reverse().find((lab) => lab.referenceLow !== null || lab.referenceHigh !== null);
  return {
    name: codeName(latest.item),
    unit: latest.unit,
    points: results.map((lab) => ({ at: lab.collectedAt, value: lab.numericValue, flag: lab.flag })),
    referenceLow: withRange?.referenceLow ?? null,
    referenceHigh: withRange?.referenceHigh ?? null,
  };
}
