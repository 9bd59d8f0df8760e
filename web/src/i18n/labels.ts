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
