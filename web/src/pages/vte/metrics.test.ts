import { describe, expect, it } from 'vitest';
import type { VteMetricDefinition, VteMetricRow } from '../../api/vte';
import { addMonths, busiestDepartments, defaultRange, latestMonth, metricSeries, monthTable, monthsBetween } from './metrics';

const definition = (id: string): VteMetricDefinition => ({
  id,
  group: 'assessment',
  label: { zh: id, en: id },
  numerator: ['discharged'],
  denominator: ['discharged'],
});

const row = (metric: string, department: string, month: string, numerator: number, denominator: number): VteMetricRow => ({
  metric,
  department,
  month,
  numerator,
  denominator,
  rate: denominator === 0 ? null : numerator / denominator,
});

describe('months', () => {
  it('adds and subtracts months across years', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2026-03', -11)).toBe('2025-04');
    expect(addMonths('2026-03', 0)).toBe('2026-03');
    expect(() => addMonths('2026-3', 1)).toThrow();
  });

  it('lists every month of a range, both ends included', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-02', '2026-02')).toEqual(['2026-02']);
    expect(monthsBetween('2026-03', '2026-02')).toEqual([]);
  });

  it('defaults to the twelve months up to the current one', () => {
    expect(defaultRange(new Date(2026, 0, 15))).toEqual({ from: '2025-02', to: '2026-01' });
  });
});

describe('metric series', () => {
  const rows = [
    row('a', '骨科', '2026-01', 1, 2),
    row('a', '骨科', '2026-03', 3, 4),
    row('a', '心血管内科', '2026-02', 0, 5),
    row('b', '骨科', '2026-01', 9, 9),
  ];

  it('gives one series per department (in pinyin order) with gaps for months without stays', () => {
    const series = metricSeries(rows, 'a', ['2026-01', '2026-02', '2026-03']);
    expect(series).toEqual([
      { name: '骨科', data: [50, null, 75] },
      { name: '心血管内科', data: [null, 0, null] },
    ]);
  });

  it('ignores other metrics', () => {
    expect(metricSeries(rows, 'c', ['2026-01'])).toEqual([]);
  });
});

describe('month table', () => {
  it('sums the rows of the month per metric and keeps every defined metric', () => {
    const rows = [row('a', '骨科', '2026-01', 1, 2), row('a', '心血管内科', '2026-01', 2, 2), row('a', '骨科', '2026-02', 5, 5)];
    const cells = monthTable(rows, [definition('a'), definition('b')], '2026-01');
    expect(cells.map((c) => [c.metric.id, c.numerator, c.denominator, c.rate])).toEqual([
      ['a', 3, 4, 0.75],
      ['b', 0, 0, null],
    ]);
  });

  it('finds the latest month that has stays', () => {
    expect(latestMonth([row('a', '全院', '2026-01', 1, 2), row('a', '全院', '2026-03', 0, 0), row('a', '全院', '2026-02', 0, 1)])).toBe(
      '2026-02',
    );
    expect(latestMonth([])).toBeUndefined();
  });
});

describe('busiest departments', () => {
  it('ranks departments by their denominators over the months', () => {
    const rows = [
      row('a', '骨科', '2026-01', 1, 2),
      row('a', '骨科', '2026-02', 1, 2),
      row('a', '产科', '2026-01', 0, 5),
      row('a', '肾内科', '2026-01', 0, 1),
      row('b', '肾内科', '2026-01', 0, 99),
    ];
    expect(busiestDepartments(rows, 'a', 2)).toEqual(['产科', '骨科']);
    expect(busiestDepartments(rows, 'a', 10)).toEqual(['产科', '骨科', '肾内科']);
  });
});
