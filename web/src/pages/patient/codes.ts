import type { MappedCode } from '../../api/types';

/** The name to show for a coded item: the standard display when mapped, else the local one. */
export function codeName(code: MappedCode | null | undefined): string {
  if (!code) return '';
  return code.standard?.display || code.local.display || code.local.code;
}

/** A stable key for "the same item" across records: the standard code when mapped, else the local code. */
export function codeKey(code: MappedCode): string {
  if (code.standard) return `${code.standard.system.id}|${code.standard.code}`;
  return `${code.local.system.id}|${code.local.code}`;
}
