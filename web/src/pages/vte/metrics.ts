// Shapes the VTE metric rows (one per metric, department and discharge month) for the chart and the table.

import type { VteMetricDefinition, VteMetricRow } from '../../api/vte';
import { ratePercent } from './vteFormat';

const MONTH = /^(\d{4})-(\d{2})$/;

/** "2026-03" for a date, in local time. */
export function monthOf(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

/** Adds (or with a negative n, subtracts) months: addMonths("2026-01", -1) = "2025-12". */
export function addMonths(month: string, n: number): string {
  const m = MONTH.exec(month);
  if (!m) throw new Error(`not a month: ${month}`);
  const index = Number(m[1]) * 12 + Number(m[2]) - 1 + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included; empty when `to` is before `from`. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let month = from; month <= to && out.length < 600; month = addMonths(month, 1)) out.push(month);
  return out;
}

/** The default range: the twelve months up to and including the current one. */
export function defaultRange(today: Date = new Date()): { from: string; to: string } {
  const to = monthOf(today);
  return { from: addMonths(to, -11), to };
}

export interface MetricSeries {
  /** The department, or the label the server uses for the whole hospital. */
  name: string;
  /** Rate in percent per month of `months`, null where nothing was counted. */
  data: (number | null)[];
}

/** One series per department (or a single whole-hospital series) of one metric's monthly rate. */
export function metricSeries(rows: VteMetricRow[], metric: string, months: string[]): MetricSeries[] {
  const byDepartment = new Map<string, Map<string, VteMetricRow>>();
  for (const row of rows) {
    if (row.metric !== metric) continue;
    let perMonth = byDepartment.get(row.department);
    if (!perMonth) {
      perMonth = new Map();
      byDepartment.set(row.department, perMonth);
    }
    perMonth.set(row.month, row);
  }
  return [...byDepartment.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'zh-Hans-CN'))
    .map(([name, perMonth]) => ({ name, data: months.map((month) => ratePercent(perMonth.get(month)?.rate)) }));
}

export interface MetricCell {
  metric: VteMetricDefinition;
  numerator: number;
  denominator: number;
  rate: number | null;
}

/**
 * The figures of every defined metric for one month, summed over the rows given (one department, or the
 * whole hospital); metrics with no stays that month show 0 / 0.
 */
export function monthTable(rows: VteMetricRow[], definitions: VteMetricDefinition[], month: string): MetricCell[] {
  return definitions.map((metric) => {
    let numerator = 0;
    let denominator = 0;
    for (const row of rows) {
      if (row.metric === metric.id && row.month === month) {
        numerator += row.numerator;
        denominator += row.denominator;
      }
    }
    return { metric, numerator, denominator, rate: denominator === 0 ? null : numerator / denominator };
  });
}

/** The latest month of the rows that has any stay, or undefined. */
export function latestMonth(rows: VteMetricRow[]): string | undefined {
  let latest: string | undefined;
  for (const row of rows) if (row.denominator > 0 && (!latest || row.month > latest)) latest = row.month;
  return latest;
}

/** The departments with the most stays in a metric's denominator, most first (to show those first in a chart). */
export function busiestDepartments(rows: VteMetricRow[], metric: string, count: number): string[] {
  const totals = new Map<string, number>();
  for (const row of rows) {
    if (row.metric === metric) totals.set(row.department, (totals.get(row.department) ?? 0) + row.denominator);
  }
  return [...totals.entries()]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b, 'zh-Hans-CN'))
    .slice(0, count)
    .map(([name]) => name);
}
