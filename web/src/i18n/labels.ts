import type {
  DiagnosisKind,
  Disposition,
  DocumentType,
  EncounterType,
  ExamKind,
  LabFlag,
  OrderCategory,
  Role,
  Sex,
  TimelineKind,
  VitalType,
} from '../api/types';
import type { Lang } from './messages';

// Display labels for the API's enums, per language. The Chinese ones follow 《病历书写基本规范》 naming.

type Labels<E extends string> = Record<Lang, Record<E, string>>;

export const roleLabels: Labels<Role> = {
  zh: {
    ADMIN: '管理员',
    DATA_STEWARD: '数据管理员',
    CLINICIAN: '临床医生',
    RESEARCHER: '科研人员',
    QUALITY_OFFICER: '质控人员',
  },
  en: {
    ADMIN: 'Administrator',
    DATA_STEWARD: 'Data steward',
    CLINICIAN: 'Clinician',
    RESEARCHER: 'Researcher',
    QUALITY_OFFICER: 'Quality officer',
  },
};

export const sexLabels: Labels<Sex> = {
  zh: { MALE: '男', FEMALE: '女', UNKNOWN: '未知' },
  en: { MALE: 'Male', FEMALE: 'Female', UNKNOWN: 'Unknown' },
};

export const encounterTypeLabels: Labels<EncounterType> = {
  zh: { OUTPATIENT: '门诊', EMERGENCY: '急诊', INPATIENT: '住院' },
  en: { OUTPATIENT: 'Outpatient', EMERGENCY: 'Emergency', INPATIENT: 'Inpatient' },
};

export const dispositionLabels: Labels<Disposition> = {
  zh: {
    HOME: '医嘱离院',
    TRANSFER_HOSPITAL: '医嘱转院',
    TRANSFER_COMMUNITY: '医嘱转社区卫生服务机构/乡镇卫生院',
    AGAINST_ADVICE: '非医嘱离院',
    DEATH: '死亡',
    OTHER: '其他',
  },
  en: {
    HOME: 'Home',
    TRANSFER_HOSPITAL: 'Transfer to hospital',
    TRANSFER_COMMUNITY: 'Transfer to community care',
    AGAINST_ADVICE: 'Against medical advice',
    DEATH: 'Death',
    OTHER: 'Other',
  },
};

export const diagnosisKindLabels: Labels<DiagnosisKind> = {
  zh: { OUTPATIENT: '门诊诊断', ADMISSION: '入院诊断', DISCHARGE: '出院诊断' },
  en: { OUTPATIENT: 'Outpatient', ADMISSION: 'Admission', DISCHARGE: 'Discharge' },
};

export const orderCategoryLabels: Labels<OrderCategory> = {
  zh: { DRUG: '药品', DEVICE: '器械/物理治疗', NURSING: '护理', OTHER: '其他' },
  en: { DRUG: 'Drug', DEVICE: 'Device / physiotherapy', NURSING: 'Nursing', OTHER: 'Other' },
};

export const labFlagLabels: Labels<LabFlag> = {
  zh: {
    NORMAL: '正常',
    LOW: '偏低',
    HIGH: '偏高',
    CRITICAL_LOW: '危急低值',
    CRITICAL_HIGH: '危急高值',
    ABNORMAL: '异常',
  },
  en: {
    NORMAL: 'Normal',
    LOW: 'Low',
    HIGH: 'High',
    CRITICAL_LOW: 'Critical low',
    CRITICAL_HIGH: 'Critical high',
    ABNORMAL: 'Abnormal',
  },
};

export const vitalTypeLabels: Labels<VitalType> = {
  zh: {
    TEMPERATURE: '体温',
    PULSE: '脉搏',
    RESPIRATORY_RATE: '呼吸',
    SYSTOLIC_BP: '收缩压',
    DIASTOLIC_BP: '舒张压',
    SPO2: '血氧饱和度',
    HEIGHT: '身高',
    WEIGHT: '体重',
  },
  en: {
    TEMPERATURE: 'Temperature',
    PULSE: 'Pulse',
    RESPIRATORY_RATE: 'Respiratory rate',
    SYSTOLIC_BP: 'Systolic BP',
    DIASTOLIC_BP: 'Diastolic BP',
    SPO2: 'SpO₂',
    HEIGHT: 'Height',
    WEIGHT: 'Weight',
  },
};

/** Units are the same in both languages. */
export const vitalUnits: Record<VitalType, string> = {
  TEMPERATURE: '℃',
  PULSE: '次/分',
  RESPIRATORY_RATE: '次/分',
  SYSTOLIC_BP: 'mmHg',
  DIASTOLIC_BP: 'mmHg',
  SPO2: '%',
  HEIGHT: 'cm',
  WEIGHT: 'kg',
};

export const examKindLabels: Labels<ExamKind> = {
  zh: { RADIOLOGY: '放射', ULTRASOUND: '超声', ECG: '心电图', ENDOSCOPY: '内镜', PATHOLOGY: '病理' },
  en: { RADIOLOGY: 'Radiology', ULTRASOUND: 'Ultrasound', ECG: 'ECG', ENDOSCOPY: 'Endoscopy', PATHOLOGY: 'Pathology' },
};

export const documentTypeLabels: Labels<DocumentType> = {
  zh: {
    ADMISSION_NOTE: '入院记录',
    FIRST_PROGRESS_NOTE: '首次病程记录',
    PROGRESS_NOTE: '日常病程记录',
    ATTENDING_ROUND_NOTE: '主治医师首次查房记录',
    OPERATION_NOTE: '手术记录',
    POSTOPERATIVE_NOTE: '术后首次病程记录',
    TRANSFER_IN_NOTE: '转入记录',
    DISCHARGE_SUMMARY: '出院记录',
    DEATH_RECORD: '死亡记录',
    DEATH_DISCUSSION: '死亡病例讨论记录',
    OUTPATIENT_NOTE: '门诊病历',
  },
  en: {
    ADMISSION_NOTE: 'Admission note',
    FIRST_PROGRESS_NOTE: 'First progress note',
    PROGRESS_NOTE: 'Progress note',
    ATTENDING_ROUND_NOTE: 'Attending round note',
    OPERATION_NOTE: 'Operation note',
    POSTOPERATIVE_NOTE: 'Post-operative note',
    TRANSFER_IN_NOTE: 'Transfer-in note',
    DISCHARGE_SUMMARY: 'Discharge summary',
    DEATH_RECORD: 'Death record',
    DEATH_DISCUSSION: 'Death case discussion',
    OUTPATIENT_NOTE: 'Outpatient note',
  },
};

export const timelineKindLabels: Labels<TimelineKind> = {
  zh: {
    ENCOUNTER: '就诊',
    TRANSFER: '转科',
    DISCHARGE: '出院',
    DIAGNOSIS: '诊断',
    OPERATION: '手术',
    ORDER: '医嘱',
    LAB: '检验',
    EXAM: '检查',
    DOCUMENT: '文书',
  },
  en: {
    ENCOUNTER: 'Encounter',
    TRANSFER: 'Transfer',
    DISCHARGE: 'Discharge',
    DIAGNOSIS: 'Diagnosis',
    OPERATION: 'Operation',
    ORDER: 'Order',
    LAB: 'Lab',
    EXAM: 'Exam',
    DOCUMENT: 'Document',
  },
};

/** Looks up a label, falling back to the raw enum name for values this build does not know. */
export function label<E extends string>(labels: Labels<E>, lang: Lang, value: E | null | undefined): string {
  if (value === null || value === undefined) return '';
  return labels[lang][value] ?? value;
}

// ------------------------------------------------------------------ VTE prevention
// The VTE API sends knowledge ids (bands, prophylaxis options, models) as plain strings; unknown ids show as sent.

type OpenLabels = Record<Lang, Record<string, string>>;

/** Looks up a label for a value the API sends as a plain string, falling back to the value itself. */
export function openLabel(labels: OpenLabels, lang: Lang, value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return labels[lang][value] ?? value;
}

/** Risk bands of the VTE risk models (Caprini, Padua). */
export const vteRiskBandLabels: OpenLabels = {
  zh: { very_low: '极低危', low: '低危', moderate: '中危', high: '高危', highest: '极高危' },
  en: { very_low: 'Very low', low: 'Low', moderate: 'Moderate', high: 'High', highest: 'Highest' },
};

/** Bands of the bleeding-risk models (IMPROVE, surgical risk factors). */
export const vteBleedingBandLabels: OpenLabels = {
  zh: { low: '出血低风险', high: '出血高风险' },
  en: { low: 'Not increased', high: 'High bleeding risk' },
};

/** Bleeding bands in a column already titled "bleeding risk". */
export const vteBleedingShortLabels: OpenLabels = {
  zh: { low: '低', high: '高' },
  en: { low: 'Low', high: 'High' },
};

/** Model names short enough for a table cell. */
export const vteModelShortLabels: OpenLabels = {
  zh: { 'caprini-2005': 'Caprini', 'caprini-cn2018': 'Caprini-2018', padua: 'Padua' },
  en: { 'caprini-2005': 'Caprini', 'caprini-cn2018': 'Caprini-2018', padua: 'Padua' },
};

/** Model names for the tabs of the assessment page. */
export const vteModelTabLabels: OpenLabels = {
  zh: {
    'caprini-2005': 'Caprini 2005',
    'caprini-cn2018': 'Caprini 2018',
    padua: 'Padua',
    'improve-bleeding': 'IMPROVE出血',
    'surgical-bleeding': '外科出血',
  },
  en: {
    'caprini-2005': 'Caprini 2005',
    'caprini-cn2018': 'Caprini 2018',
    padua: 'Padua',
    'improve-bleeding': 'IMPROVE bleeding',
    'surgical-bleeding': 'Surgical bleeding',
  },
};

export const vteModelLabels: OpenLabels = {
  zh: {
    'caprini-2005': 'Caprini（2005版）',
    'caprini-cn2018': 'Caprini（2018中国建议）',
    padua: 'Padua',
    'improve-bleeding': 'IMPROVE出血评分',
    'surgical-bleeding': '外科出血危险因素',
  },
  en: {
    'caprini-2005': 'Caprini (2005)',
    'caprini-cn2018': 'Caprini (China 2018)',
    padua: 'Padua',
    'improve-bleeding': 'IMPROVE bleeding',
    'surgical-bleeding': 'Surgical bleeding risk',
  },
};

export const vteProphylaxisLabels: OpenLabels = {
  zh: {
    ambulation: '早期活动',
    mechanical: '机械预防',
    pharmacological: '药物预防',
    both: '药物+机械预防',
    none: '均有禁忌，医师决定',
  },
  en: {
    ambulation: 'Early ambulation',
    mechanical: 'Mechanical',
    pharmacological: 'Pharmacological',
    both: 'Pharmacological + mechanical',
    none: 'Both contraindicated: physician decides',
  },
};

export const vteAlertKindLabels: OpenLabels = {
  zh: { NO_PROPHYLAXIS: '未预防', PHARM_CONTRAINDICATED: '药物预防禁忌', ASSESSMENT_OVERDUE: '评估超时' },
  en: {
    NO_PROPHYLAXIS: 'No prophylaxis',
    PHARM_CONTRAINDICATED: 'Pharmacological prophylaxis contraindicated',
    ASSESSMENT_OVERDUE: 'Assessment overdue',
  },
};

export const vteAlertStatusLabels: OpenLabels = {
  zh: { OPEN: '待处理', ACKNOWLEDGED: '已确认', RESOLVED: '已解除', ALL: '全部' },
  en: { OPEN: 'Open', ACKNOWLEDGED: 'Acknowledged', RESOLVED: 'Resolved', ALL: 'All' },
};

/** Why an assessment was made (VteWard.Reason). */
export const vteReasonLabels: OpenLabels = {
  zh: {
    ADMISSION: '入院评估',
    DOCUMENT: '入院文书',
    OPERATION: '术后评估',
    TRANSFER: '转科评估',
    DISCHARGE: '出院前评估',
    CURRENT: '在院复评',
    REQUEST: '即时评估',
  },
  en: {
    ADMISSION: 'Admission',
    DOCUMENT: 'Admission documents',
    OPERATION: 'After surgery',
    TRANSFER: 'Transfer',
    DISCHARGE: 'Before discharge',
    CURRENT: 'Re-assessed in hospital',
    REQUEST: 'On request',
  },
};

/** The kinds of fact that evidence an item (io.tianshu.cds.vte.assess.Evidence). */
export const vteEvidenceKindLabels: OpenLabels = {
  zh: {
    patient: '患者信息',
    diagnosis: '诊断',
    operation: '手术',
    lab: '检验',
    vital: '生命体征',
    order: '医嘱',
    administration: '给药',
    encounter: '就诊',
    transfer: '转科',
    note: '病历文书',
    derived: '计算值',
    answer: '医师确认',
  },
  en: {
    patient: 'Patient',
    diagnosis: 'Diagnosis',
    operation: 'Operation',
    lab: 'Lab',
    vital: 'Vital sign',
    order: 'Order',
    administration: 'Administration',
    encounter: 'Encounter',
    transfer: 'Transfer',
    note: 'Note',
    derived: 'Derived',
    answer: 'Answer',
  },
};

/** The ward list sends the patient's sex in Chinese. */
export const chineseSexLabels: OpenLabels = {
  zh: { 男: '男', 女: '女', 未知: '未知' },
  en: { 男: 'Male', 女: 'Female', 未知: 'Unknown' },
};

/** The NLP pipeline's entity types (nlp lexicon). */
export const noteFactTypeLabels: OpenLabels = {
  zh: { disease: '疾病诊断', symptom: '症状体征', drug: '药物', operation: '手术操作', lab: '检验', exam: '检查', anatomy: '解剖部位', vital: '生命体征' },
  en: { disease: 'Disease', symptom: 'Symptom/sign', drug: 'Drug', operation: 'Procedure', lab: 'Lab test', exam: 'Exam', anatomy: 'Anatomy', vital: 'Vital sign' },
};
