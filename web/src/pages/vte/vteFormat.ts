// Pure formatting of VTE figures: band colours, scores, rates, and links from evidence to the document viewer.

import type { VteAssessment, VteEvidence, VteModelResult } from '../../api/vte';
import { documentLink } from '../patient/documentLink';

/** antd Tag colours. */
export type BandColor = 'green' | 'gold' | 'red' | 'default';

const RISK_COLORS: Record<string, BandColor> = {
  very_low: 'green',
  low: 'green',
  moderate: 'gold',
  high: 'red',
  highest: 'red',
};

/** Tag colour of a VTE risk band: low green, moderate gold, high and highest red; anything else plain. */
export function riskBandColor(band: string | null | undefined): BandColor {
  return (band && RISK_COLORS[band]) || 'default';
}

/** Tag colour of a bleeding-risk band: high red, low green. */
export function bleedingBandColor(band: string | null | undefined): BandColor {
  if (band === 'high') return 'red';
  if (band === 'low') return 'green';
  return 'default';
}

/** Scores are whole numbers except for IMPROVE's half points: 5 → "5", 2.5 → "2.5". */
export function formatScore(score: number | null | undefined): string {
  if (score === null || score === undefined || Number.isNaN(score)) return '—';
  return Number.isInteger(score) ? String(score) : String(Math.round(score * 10) / 10);
}

/** A rate as a percentage with one decimal ("85.7%"); "—" when nothing was counted. */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  const percent = Math.round(rate * 1000) / 10;
  return `${percent.toFixed(1)}%`;
}

/** A rate as a chart value in percent (one decimal), or null to leave a gap. */
export function ratePercent(rate: number | null | undefined): number | null {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return null;
  return Math.round(rate * 1000) / 10;
}

/** The span of a note fact, when the evidence has one that makes sense. */
export function noteSpan(evidence: VteEvidence): { documentId: string; start: number; end: number } | null {
  const { documentId, start, end } = evidence;
  if (evidence.kind !== 'note' || !documentId) return null;
  if (start === undefined || end === undefined || !Number.isInteger(start) || !Number.isInteger(end)) return null;
  if (start < 0 || end <= start) return null;
  return { documentId, start, end };
}

/** The patient page opened on a document with the evidence's words highlighted, or null for other evidence. */
export function noteLink(patientId: string, evidence: VteEvidence): string | null {
  const span = noteSpan(evidence);
  return span ? documentLink(patientId, span.documentId, span) : null;
}

/** Bleeding-risk models (IMPROVE, surgical bleeding factors) as opposed to VTE risk models. */
export function isBleedingModel(model: Pick<VteModelResult, 'id' | 'model'>): boolean {
  return model.id.includes('bleeding') || model.model.includes('bleeding');
}

/** Model ids in display order: the chosen risk model, the other risk models, the chosen bleeding model, the rest. */
export function modelOrder(assessment: Pick<VteAssessment, 'models' | 'model'>): string[] {
  const rank = (id: string) => {
    if (id === assessment.model.risk) return 0;
    if (id === assessment.model.bleeding) return 2;
    const model = assessment.models[id];
    return model && isBleedingModel(model) ? 3 : 1;
  };
  return Object.keys(assessment.models)
    .map((id, index) => ({ id, index }))
    .sort((a, b) => rank(a.id) - rank(b.id) || a.index - b.index)
    .map((x) => x.id);
}

/** Evidence that says the same thing (e.g. one term mentioned several times in notes), shown as one line. */
export interface EvidenceGroup {
  first: VteEvidence;
  more: VteEvidence[];
}

/** Groups evidence by kind, display, code and value, keeping the order of first appearance. */
export function groupEvidence(evidence: VteEvidence[]): EvidenceGroup[] {
  const groups = new Map<string, EvidenceGroup>();
  for (const e of evidence) {
    const key = [e.kind, e.display, e.code ?? '', e.value ?? ''].join('\u0000');
    const group = groups.get(key);
    if (group) group.more.push(e);
    else groups.set(key, { first: e, more: [] });
  }
  return [...groups.values()];
}
