import { get, post, withQuery } from './client';
import type { Role } from './types';

// Shapes of the VTE prevention API (server: io.tianshu.server.vte.VteController; the assessment JSON is
// io.tianshu.cds.vte.assess.AssessmentJson). Ids of models, bands and prophylaxis options are knowledge ids.

/** What a stored assessment keeps: the ward list, the history and the metrics read these figures. */
export interface VteAssessmentRow {
  id: string;
  assessedAt: string;
  /** ADMISSION, DOCUMENT, OPERATION, TRANSFER, DISCHARGE, CURRENT or REQUEST. */
  reason: string;
  surgical: boolean;
  riskModel: string;
  riskVersion: string;
  riskScore: number;
  riskBand: string;
  atRisk: boolean;
  bleedingModel: string;
  bleedingVersion: string;
  bleedingScore: number;
  bleedingBand: string;
  bleedingHigh: boolean;
  /** ambulation, mechanical, pharmacological, both or none. */
  recommendation: string;
  pharmInPlace: boolean;
  mechInPlace: boolean;
  pharmContraindicated: boolean;
  unknownItems: number;
}

export type VteAlertKind = 'NO_PROPHYLAXIS' | 'PHARM_CONTRAINDICATED' | 'ASSESSMENT_OVERDUE';
export type VteAlertStatus = 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED';

export interface VteAlert {
  id: string;
  patientId: string;
  patientName?: string | null;
  encounterId: string;
  department: string | null;
  kind: VteAlertKind;
  raisedAt: string;
  message: string;
  status: VteAlertStatus;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  ackReason: string | null;
  resolvedAt: string | null;
}

export interface VteWardPatient {
  patientId: string;
  name: string;
  /** The patient's sex in Chinese (男 / 女 / 未知), as the server sends it. */
  sex: string | null;
  age: number | null;
  encounterId: string;
  department: string;
  ward: string | null;
  admittedAt: string;
  assessment: VteAssessmentRow | null;
  alerts: VteAlert[];
}

export interface VteWardList {
  asOf: string;
  patients: VteWardPatient[];
  atRisk: number;
  withAlerts: number;
}

/** The fact behind a model item. Note facts carry the document and the span of the words. */
export interface VteEvidence {
  kind: string;
  id: string;
  code?: string;
  display: string;
  value?: string;
  at?: string;
  documentId?: string;
  start?: number;
  end?: number;
}

export interface VteItem {
  id: string;
  label: string;
  labelEn: string;
  points: number;
  supersededBy?: string;
  evidence: VteEvidence[];
}

export interface VteUnknownItem {
  id: string;
  label: string;
  /** Not sent by the server today; the Chinese label stands in for it. */
  labelEn?: string;
  points: number;
  reason: string;
}

export interface VteModelResult {
  id: string;
  model: string;
  version: string;
  title: string;
  source: string;
  score: number;
  band: string;
  bandLabel: string;
  bandLabelEn: string;
  unknownPoints: number;
  items: VteItem[];
  unknown: VteUnknownItem[];
}

export interface VteRecommendation {
  riskModel: string;
  band: string;
  prophylaxis: string;
  pharmacological: boolean;
  mechanical: boolean;
  bleedingRiskHigh: boolean;
  text: string;
  textEn: string;
  reasons: string[];
}

export interface VteContraindication {
  id: string;
  label: string;
  labelEn: string;
  /** pharmacological or mechanical. */
  against: string;
  evidence?: VteEvidence[];
  reason?: string;
}

export interface VteAssessment {
  patientId: string;
  encounterId: string;
  at: string;
  surgical: boolean;
  model: { risk: string; bleeding: string };
  caprini?: VteModelResult;
  padua?: VteModelResult;
  bleeding: VteModelResult;
  recommendation: VteRecommendation;
  models: Record<string, VteModelResult>;
  contraindications: {
    pharmacological: VteContraindication[];
    mechanical: VteContraindication[];
    toCheck: VteContraindication[];
  };
  prophylaxis: { pharmacological: VteEvidence[]; mechanical: VteEvidence[] };
  knowledge: Record<string, string>;
  patientName?: string;
  department?: string;
}

export interface VteStayHistory {
  encounterId: string;
  department: string;
  admittedAt: string;
  dischargedAt: string | null;
  assessments: VteAssessmentRow[];
  alerts: VteAlert[];
}

export interface VteMetricDefinition {
  id: string;
  group: string;
  label: { zh: string; en: string };
  numerator: string[];
  denominator: string[];
}

export interface VteMetricDefinitions {
  version: string;
  minAgeYears: number;
  metrics: VteMetricDefinition[];
}

export interface VteMetricRow {
  metric: string;
  /** The department, or 全院 when the figures are summed over departments. */
  department: string;
  /** Discharge month, YYYY-MM. */
  month: string;
  numerator: number;
  denominator: number;
  rate: number | null;
}

export interface VteMetricTable {
  version: string;
  rows: VteMetricRow[];
}

/** A stay behind a metric figure. */
export interface VteStayRef {
  encounterId: string;
  patientId: string;
  department: string;
  admittedAt: string;
  dischargedAt: string | null;
  maxBand: string | null;
  recommendation: string | null;
  pharmacological: boolean;
  mechanical: boolean;
  haVte: boolean;
}

export type VteAlertFilter = VteAlertStatus | 'ALL';

export interface VteMetricQuery {
  from?: string;
  to?: string;
  department?: string;
  byDepartment: boolean;
}

/** The roles the server lets use /api/vte (SecurityConfiguration.VTE_USERS). */
export const VTE_ROLES: Role[] = ['ADMIN', 'CLINICIAN', 'QUALITY_OFFICER'];

/** The roles that may acknowledge an alert. */
export const VTE_ACK_ROLES: Role[] = ['ADMIN', 'CLINICIAN'];

const patientPath = (id: string) => `/api/vte/patients/${encodeURIComponent(id)}`;

/** Typed calls to the VTE endpoints, one function per endpoint. */
export const vteApi = {
  ward: (department: string | undefined, signal?: AbortSignal) =>
    get<VteWardList>(withQuery('/api/vte/ward', { department }), signal),
  assessment: (patientId: string, signal?: AbortSignal) =>
    get<VteAssessment>(`${patientPath(patientId)}/assessment`, signal),
  history: (patientId: string, signal?: AbortSignal) =>
    get<VteStayHistory[]>(`${patientPath(patientId)}/history`, signal),
  alerts: (status: VteAlertFilter, department: string | undefined, signal?: AbortSignal) =>
    get<VteAlert[]>(withQuery('/api/vte/alerts', { status, department }), signal),
  acknowledge: (alertId: string, reason: string) =>
    post<VteAlert>(`/api/vte/alerts/${encodeURIComponent(alertId)}/acknowledge`, { reason }),
  metricDefinitions: (signal?: AbortSignal) => get<VteMetricDefinitions>('/api/vte/metrics/definitions', signal),
  metrics: (query: VteMetricQuery, signal?: AbortSignal) =>
    get<VteMetricTable>(withQuery('/api/vte/metrics', { ...query }), signal),
  stays: (metric: string, month: string, department: string | undefined, denominator: boolean, signal?: AbortSignal) =>
    get<VteStayRef[]>(
      withQuery(`/api/vte/metrics/${encodeURIComponent(metric)}/stays`, { month, department, denominator }),
      signal,
    ),
};
