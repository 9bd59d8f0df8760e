import type { ActivityRow } from '../../api/types';

/** Activity summed over one dimension (department or month). */
export interface ActivityTotals {
  keys: string[];
  patients: number[];
  admissions: number[];
  documents: number[];
}

function totalsBy(rows: ActivityRow[], keyOf: (row: ActivityRow) => string, order: (keys: string[]) => string[]) {
  const sums = new Map<string, { patients: number; admissions: number; documents: number }>();
  for (const row of rows) {
    const key = keyOf(row);
    const sum = sums.get(key) ?? { patients: 0, admissions: 0, documents: 0 };
    sum.patients += row.patients;
    sum.admissions += row.admissions;
    sum.documents += row.documents;
    sums.set(key, sum);
  }
  const keys = order([...sums.keys()]);
  const pick = (field: 'patients' | 'admissions' | 'documents') => keys.map((key) => sums.get(key)![field]);
  return { keys, patients: pick('patients'), admissions: pick('admissions'), documents: pick('documents') };
}

/**
 * Per department, summed over months, busiest department first. A patient seen in several months counts
 * once per month: the server reports activity per (department, month).
 */
export function byDepartment(rows: ActivityRow[]): ActivityTotals {
  const totals = totalsBy(rows, (row) => row.department, (keys) => keys);
  const order = totals.keys.map((_, index) => index).sort((a, b) => totals.admissions[b] - totals.admissions[a]);
  return {
    keys: order.map((i) => totals.keys[i]),
    patients: order.map((i) => totals.patients[i]),
    admissions: order.map((i) => totals.admissions[i]),
    documents: order.map((i) => totals.documents[i]),
  };
}

/** Per month (YYYY-MM), summed over departments, in calendar order. */
export function byMonth(rows: ActivityRow[]): ActivityTotals {
  return totalsBy(rows, (row) => row.month, (keys) => [...keys].sort());
}
