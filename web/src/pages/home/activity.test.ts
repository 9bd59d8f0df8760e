import { describe, expect, it } from 'vitest';
import type { ActivityRow } from '../../api/types';
import { byDepartment, byMonth } from './activity';

const rows: ActivityRow[] = [
  { department: '骨科', month: '2025-03', patients: 2, admissions: 3, documents: 10 },
  { department: '普外科', month: '2025-02', patients: 5, admissions: 6, documents: 20 },
  { department: '骨科', month: '2025-02', patients: 1, admissions: 1, documents: 4 },
];

describe('activity', () => {
  it('sums per department, busiest first', () => {
    expect(byDepartment(rows)).toEqual({
      keys: ['普外科', '骨科'],
      patients: [5, 3],
      admissions: [6, 4],
      documents: [20, 14],
    });
  });

  it('sums per month in calendar order', () => {
    expect(byMonth(rows)).toEqual({
      keys: ['2025-02', '2025-03'],
      patients: [6, 2],
      admissions: [7, 3],
      documents: [24, 10],
    });
  });

  it('handles no activity', () => {
    expect(byMonth([]).keys).toEqual([]);
  });
});
