import { describe, expect, it } from 'vitest';
import type { Lab, MappedCode } from '../../api/types';
import { labTrend, numericLabItems } from './labTrend';

const system = { id: 'local-lis', uri: 'urn:tianshu:lis', name: 'LIS' };
const loinc = { id: 'loinc', uri: 'http://loinc.org', name: 'LOINC' };
const hb: MappedCode = {
  local: { system, code: 'HGB', display: '血红蛋白' },
  standard: { system: loinc, code: '718-7', display: '血红蛋白' },
};
const crp: MappedCode = { local: { system, code: 'CRP', display: 'C反应蛋白' }, standard: null };

function lab(id: string, item: MappedCode, value: number | null, at: string, low: number | null = null, high: number | null = null): Lab {
  return {
    id,
    encounterId: 'E1',
    panel: null,
    item,
    numericValue: value,
    textValue: value === null ? '阴性' : null,
    unit: 'g/L',
    referenceLow: low,
    referenceHigh: high,
    referenceText: null,
    flag: 'NORMAL',
    specimen: null,
    collectedAt: at,
    reportedAt: null,
  };
}

const labs = [
  lab('1', hb, 120, '2025-03-02T08:00:00', 115, 150),
  lab('2', hb, 98, '2025-03-01T08:00:00', 110, 150),
  lab('3', crp, 12, '2025-03-01T08:00:00'),
  lab('4', crp, null, '2025-03-03T08:00:00'),
];

describe('lab trend', () => {
  it('lists numeric items, most frequent first', () => {
    expect(numericLabItems(labs).map((item) => [item.name, item.count])).toEqual([
      ['血红蛋白', 2],
      ['C反应蛋白', 1],
    ]);
  });

  it('orders points by time and takes the latest reference range', () => {
    const trend = labTrend(labs, 'loinc|718-7');
    expect(trend?.points.map((point) => point.value)).toEqual([98, 120]);
    expect([trend?.referenceLow, trend?.referenceHigh]).toEqual([115, 150]);
  });

  it('ignores text-only results and unknown items', () => {
    expect(labTrend(labs, 'local-lis|CRP')?.points).toHaveLength(1);
    expect(labTrend(labs, 'nope')).toBeNull();
  });
});
