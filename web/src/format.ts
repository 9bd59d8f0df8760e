// Formatting of the API's ISO local date-times ("2025-03-01T08:30:00"); they are hospital-local already.

/** "2025-03-01T08:30:00" → "2025-03-01 08:30". */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  return value.replace('T', ' ').slice(0, 16);
}

/** "2025-03-01T08:30:00" → "2025-03-01". */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  return value.slice(0, 10);
}

/** Whole years between a birth date and a reference date (both ISO). */
export function ageAt(birthDate: string | null | undefined, at: Date = new Date()): number | null {
  if (!birthDate) return null;
  const [year, month, day] = birthDate.slice(0, 10).split('-').map(Number);
  if (!year || !month || !day) return null;
  let age = at.getFullYear() - year;
  const beforeBirthday = at.getMonth() + 1 < month || (at.getMonth() + 1 === month && at.getDate() < day);
  if (beforeBirthday) age -= 1;
  return age;
}

/** Compares two ISO date-time strings (null last). */
export function compareTime(a: string | null | undefined, b: string | null | undefined): number {
  if (a === b) return 0;
  if (!a) return 1;
  if (!b) return -1;
  return a < b ? -1 : 1;
}
