import { ManOutlined, QuestionOutlined, WomanOutlined } from '@ant-design/icons';
import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import type { Patient } from '../../api/types';
import { ProvenanceInfo } from '../../components/ProvenanceInfo';
import { ageAt } from '../../format';
import { useI18n } from '../../i18n/I18nContext';
import { label, sexLabels } from '../../i18n/labels';

const sexIcons = { MALE: <ManOutlined />, FEMALE: <WomanOutlined />, UNKNOWN: <QuestionOutlined /> };

/** Demographics of the patient shown by the 360 page. */
export function PatientHeader({ patient }: { patient: Patient }) {
  const { t, lang } = useI18n();
  const age = ageAt(patient.birthDate);
  return (
    <Card data-testid="patient-header">
      <Space align="baseline" size="middle" style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {patient.name}
        </Typography.Title>
        <Tag icon={sexIcons[patient.sex]}>{label(sexLabels, lang, patient.sex)}</Tag>
        {age !== null && <Tag>{t('patient.ageYears', { n: age })}</Tag>}
        <Typography.Text type="secondary">
          {t('patient.mrn')} {patient.mrn}
        </Typography.Text>
        <ProvenanceInfo provenance={patient.provenance} />
      </Space>
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
        <Descriptions.Item label={t('patient.birthDate')}>{patient.birthDate}</Descriptions.Item>
        <Descriptions.Item label={t('patient.idNumber')}>{patient.idNumber}</Descriptions.Item>
        <Descriptions.Item label={t('patient.phone')}>{patient.phone}</Descriptions.Item>
        <Descriptions.Item label={t('patient.address')}>{patient.address}</Descriptions.Item>
        {patient.identifiers.length > 0 && (
          <Descriptions.Item label={t('patient.identifiers')} span={4}>
            <Space wrap size={4}>
              {patient.identifiers.map((identifier) => (
                <Tag key={`${identifier.system}|${identifier.value}`}>
                  {identifier.system}: {identifier.value}
                </Tag>
              ))}
            </Space>
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}
