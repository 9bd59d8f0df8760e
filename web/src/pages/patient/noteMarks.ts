// Splits a document's text into runs for display: plain text, or text inside one NLP note fact. Facts may overlap
// (a lexicon term inside a longer one); the viewer shows the longest at each place, earlier first, and never cuts
// a surrogate pair because spans come from Java string offsets, the same UTF-16 units as JavaScript's.

import type { CodeMatch, NoteFact } from '../../api/types';
import type { MessageKey } from '../../i18n/messages';

export interface TextRun {
  start: number;
  end: number;
  text: string;
  fact?: NoteFact;
}

/** The facts shown: inside the text, non-empty, non-overlapping, longest first where they overlap. */
export function visibleFacts(text: string, facts: NoteFact[]): NoteFact[] {
  const candidates = facts
    .filter((f) => f.start >= 0 && f.end <= text.length && f.end > f.start)
    .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const chosen: NoteFact[] = [];
  for (const f of candidates) {
    if (chosen.every((c) => f.end <= c.start || f.start >= c.end)) chosen.push(f);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/** The runs of `text[from, to)`, each fact cut to that range. */
export function runs(text: string, facts: NoteFact[], from = 0, to = text.length): TextRun[] {
  const out: TextRun[] = [];
  let at = from;
  for (const f of facts) {
    const start = Math.max(f.start, from);
    const end = Math.min(f.end, to);
    if (end <= start) continue;
    if (start > at) out.push({ start: at, end: start, text: text.slice(at, start) });
    out.push({ start, end, text: text.slice(start, end), fact: f });
    at = end;
  }
  if (at < to) out.push({ start: at, end: to, text: text.slice(at, to) });
  return out;
}

const MATCH_LABELS: Record<CodeMatch, MessageKey> = {
  EXACT: 'nlp.match.exact',
  SYNONYM: 'nlp.match.synonym',
  FUZZY: 'nlp.match.fuzzy',
};

/**
 * A fact's code as the hover shows it: system, code and display, then how the mention matched it and the
 * confidence (`ICD-10 I10 高血压 · 近似匹配 0.62`); empty without a code. A fuzzy match is a guess a reader should
 * see as one.
 */
export function codeText(f: NoteFact, t: (key: MessageKey) => string): string {
  if (!f.code) return '';
  const code = [f.code.system?.name, f.code.code, f.code.display].filter(Boolean).join(' ');
  if (!f.codeMatch) return code;
  const kind = f.codeMatch in MATCH_LABELS ? t(MATCH_LABELS[f.codeMatch]) : f.codeMatch;
  const confidence = typeof f.codeConfidence === 'number' ? ` ${f.codeConfidence.toFixed(2)}` : '';
  return `${code} · ${kind}${confidence}`;
}

/** A fact's hover text, one attribute a line: type, concept, code, value, context flags, section. */
export function factTitle(f: NoteFact, typeLabel: string, t: (key: MessageKey) => string): string {
  const flags = [
    f.negated && t('nlp.flag.negated'),
    f.uncertain && t('nlp.flag.uncertain'),
    f.historical && t('nlp.flag.historical'),
    f.family && t('nlp.flag.family'),
  ].filter(Boolean);
  return [
    typeLabel,
    `${t('nlp.concept')}: ${f.concept}`,
    f.code ? `${t('nlp.code')}: ${codeText(f, t)}` : '',
    f.value ? `${t('nlp.value')}: ${f.value}` : '',
    flags.length > 0 ? flags.join(' · ') : t('nlp.flag.affirmed'),
    f.section ? `${t('nlp.section')}: ${f.section}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}
