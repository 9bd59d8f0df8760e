// Shapes of the Tianshu REST API (see server module). Date-times are ISO local strings, e.g. 2025-03-01T08:30:00.

export type Role = 'ADMIN' | 'DATA_STEWARD' | 'CLINICIAN' | 'RESEARCHER' | 'QUALITY_OFFICER';

export interface User {
  username: string;
  displayName: string;
  roles: Role[];
  enabled?: boolean;
}

/** RFC 9457 problem detail with Tianshu's stable error code. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
}

export interface Page<T> {
  total: number;
  page: number;
  size: number;
  items: T[];
}

export interface Counts {
  patients: number;
  encounters: number;
  documents: number;
  facts: number;
}

export interface ActivityRow {
  department: string;
  month: string;
  patients: number;
  admissions: number;
  documents: number;
}

export interface StatsOverview {
  counts: Counts;
  activity: ActivityRow[];
}

export type Sex = 'MALE' | 'FEMALE' | 'UNKNOWN';

export interface PatientSummary {
  id: string;
  mrn: string;
  name: string;
  sex: Sex | null;
  birthDate: string | null;
  age: number | null;
  idNumberMasked: string | null;
  lastDepartment: string | null;
  lastAdmittedAt: string | null;
  encounterCount: number;
}

export interface PatientQuery {
  q?: string;
  department?: string;
  from?: string;
  to?: string;
  page: number;
  size: number;
}

export interface Provenance {
  sourceSystem?: string | null;
  sourceRecordId?: string | null;
  batchId?: string | null;
}

interface Sourced {
  id: string;
  provenance?: Provenance | null;
}

export interface Identifier {
  system: string;
  value: string;
}

export interface Patient extends Sourced {
  mrn: string;
  name: string;
  sex: Sex;
  birthDate: string | null;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  identifiers: Identifier[];
}

export interface CodeSystem {
  id: string;
  uri: string;
  name: string;
}

export interface Code {
  system: CodeSystem;
  code: string;
  display: string;
}

/** A hospital-local code and, when mapped, its standard (e.g. ICD-10) equivalent. */
export interface MappedCode {
  local: Code;
  standard: Code | null;
}

export type EncounterType = 'OUTPATIENT' | 'EMERGENCY' | 'INPATIENT';
export type Disposition =
  | 'HOME'
  | 'TRANSFER_HOSPITAL'
  | 'TRANSFER_COMMUNITY'
  | 'AGAINST_ADVICE'
  | 'DEATH'
  | 'OTHER';

export interface Transfer extends Sourced {
  encounterId: string;
  fromDepartment: string | null;
  fromWard: string | null;
  toDepartment: string | null;
  toWard: string | null;
  at: string;
}

export interface Encounter extends Sourced {
  patientId: string;
  type: EncounterType;
  department: string;
  ward: string | null;
  admittedAt: string;
  dischargedAt: string | null;
  disposition: Disposition | null;
  attendingDoctor: string | null;
  transfers: Transfer[];
}

export type DiagnosisKind = 'OUTPATIENT' | 'ADMISSION' | 'DISCHARGE';

export interface Diagnosis extends Sourced {
  encounterId: string;
  kind: DiagnosisKind;
  main: boolean;
  code: MappedCode;
  diagnosedAt: string | null;
}

export interface Operation extends Sourced {
  encounterId: string;
  code: MappedCode;
  startedAt: string | null;
  endedAt: string | null;
  surgeon: string | null;
  anaesthesia: string | null;
  incisionClass: string | null;
  /** Surgical grade 1–4 (手术分级). */
  level: number | null;
}

export type OrderCategory = 'DRUG' | 'DEVICE' | 'NURSING' | 'OTHER';

export interface Order extends Sourced {
  encounterId: string;
  category: OrderCategory;
  item: MappedCode;
  dose: number | null;
  doseUnit: string | null;
  route: string | null;
  frequency: string | null;
  longTerm: boolean;
  startAt: string | null;
  stopAt: string | null;
  orderingDoctor: string | null;
}

export interface Administration extends Sourced {
  orderId: string;
  encounterId: string;
  item: MappedCode;
  dose: number | null;
  doseUnit: string | null;
  route: string | null;
  administeredAt: string;
  performer: string | null;
}

export type LabFlag = 'NORMAL' | 'LOW' | 'HIGH' | 'CRITICAL_LOW' | 'CRITICAL_HIGH' | 'ABNORMAL';

export interface Lab extends Sourced {
  encounterId: string;
  panel: string | null;
  item: MappedCode;
  numericValue: number | null;
  textValue: string | null;
  unit: string | null;
  referenceLow: number | null;
  referenceHigh: number | null;
  referenceText: string | null;
  flag: LabFlag | null;
  specimen: string | null;
  collectedAt: string;
  reportedAt: string | null;
}

export type VitalType =
  | 'TEMPERATURE'
  | 'PULSE'
  | 'RESPIRATORY_RATE'
  | 'SYSTOLIC_BP'
  | 'DIASTOLIC_BP'
  | 'SPO2'
  | 'HEIGHT'
  | 'WEIGHT';

export interface Vital extends Sourced {
  encounterId: string;
  type: VitalType;
  value: number;
  measuredAt: string;
}

export type ExamKind = 'RADIOLOGY' | 'ULTRASOUND' | 'ECG' | 'ENDOSCOPY' | 'PATHOLOGY';

export interface Exam extends Sourced {
  encounterId: string;
  kind: ExamKind;
  item: MappedCode;
  bodySite: string | null;
  findings: string | null;
  conclusion: string | null;
  examinedAt: string;
  reportedAt: string | null;
}

export type DocumentType =
  | 'ADMISSION_NOTE'
  | 'FIRST_PROGRESS_NOTE'
  | 'PROGRESS_NOTE'
  | 'ATTENDING_ROUND_NOTE'
  | 'OPERATION_NOTE'
  | 'POSTOPERATIVE_NOTE'
  | 'TRANSFER_IN_NOTE'
  | 'DISCHARGE_SUMMARY'
  | 'DEATH_RECORD'
  | 'DEATH_DISCUSSION'
  | 'OUTPATIENT_NOTE';

export interface ClinicalDocument extends Sourced {
  encounterId: string;
  type: DocumentType;
  title: string;
  author: string | null;
  eventAt: string;
  createdAt: string | null;
  signedAt: string | null;
  text: string;
}

/** Everything the CDR holds about one patient. */
/** What the NLP pipeline read in a document: a mention with its span (UTF-16 offsets, end exclusive) and context. */
export interface NoteFact {
  id: string;
  documentId: string;
  encounterId: string;
  start: number;
  end: number;
  type: string;
  surface: string;
  concept: string;
  negated: boolean;
  uncertain: boolean;
  historical: boolean;
  family: boolean;
  section: string | null;
  pipeline: string;
  /** The value the note gives for the mention, with its unit (36.5°C, 10余年, 0.4ml 皮下注射 qd). */
  value?: string | null;
  /** Its number when it is one number (not for a blood pressure). */
  numericValue?: number | null;
  unit?: string | null;
  /** The standard code from the hospital's vocabulary (ICD-10, ICD-9-CM-3), or LOINC for a vital sign. */
  code?: Code | null;
  /** How the mention reached its code; present exactly when the code is. */
  codeMatch?: CodeMatch | null;
  /** How far to trust the code, 0–1 (1 exact, 0.9 synonym, 0.8 × similarity fuzzy); present exactly when the code is. */
  codeConfidence?: number | null;
}

/** How a note's mention reached its standard code: equal to a display, to a synonym, or only close to one. */
export type CodeMatch = 'EXACT' | 'SYNONYM' | 'FUZZY';

export interface PatientRecord {
  patient: Patient;
  encounters: Encounter[];
  diagnoses: Diagnosis[];
  operations: Operation[];
  orders: Order[];
  administrations: Administration[];
  labs: Lab[];
  vitals: Vital[];
  exams: Exam[];
  documents: ClinicalDocument[];
  noteFacts?: NoteFact[];
}

export type TimelineKind =
  | 'ENCOUNTER'
  | 'TRANSFER'
  | 'DISCHARGE'
  | 'DIAGNOSIS'
  | 'OPERATION'
  | 'ORDER'
  | 'LAB'
  | 'EXAM'
  | 'DOCUMENT';

export interface TimelineEvent {
  at: string;
  kind: TimelineKind;
  encounterId: string | null;
  title: string;
  detail: string | null;
  refId: string | null;
}

export interface AuditEntry {
  seq: number;
  at: string;
  username: string;
  action: string;
  patientId: string | null;
  endpoint: string | null;
  detail: string | null;
  prevHash?: string | null;
  hash: string;
}
