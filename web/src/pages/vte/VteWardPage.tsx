import { ReloadOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Col, Row, Select, Space, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../api/api';
import type { VteWardPatient } from '../../api/vte';
import { vteApi } from '../../api/vte';
import { useApi } from '../../components/useApi';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n/I18nContext';
import { chineseSexLabels, openLabel, vteModelShortLabels, vteProphylaxisLabels } from '../../i18n/labels';
import { BleedingBandTag, ProphylaxisTags, RiskBandTag } from './VteTags';
import { formatScore } from './vteFormat';

/** The patients in hospital now with their latest VTE assessment and open alerts; a row opens the assessment. */
export default function VteWardPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const department = params.get('department') || undefined;
  const departments = useApi((signal) => api.departments(signal), []);
  const ward = useApi((signal) => vteApi.ward(department, signal), [department]);
  const patients = ward.data?.patients ?? [];

  const chooseDepartment = (value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set('department', value);
    else next.delete('department');
    setParams(next);
  };

  const columns: TableColumnsType<VteWardPatient> = [
    {
      title: t('patient.name'),
      dataIndex: 'name',
      width: 100,
      render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
    },
    {
      title: t('vte.col.sexAge'),
      key: 'sexAge',
      width: 100,
      render: (_, p) =>
        [openLabel(chineseSexLabels, lang, p.sex), p.age === null ? '' : t('patient.ageYears', { n: p.age })]
          .filter(Boolean)
          .join(' / '),
    },
    {
      title: t('vte.col.departmentWard'),
      key: 'department',
      width: 170,
      render: (_, p) => (
        <div>
          <div>{p.department}</div>
          {p.ward && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.ward}</Typography.Text>}
        </div>
      ),
    },
    {
      title: t('vte.col.admitted'),
      dataIndex: 'admittedAt',
      width: 150,
      render: (at: string) => formatDateTime(at),
    },
    {
      title: t('vte.col.risk'),
      key: 'risk',
      render: (_, p) =>
        p.assessment ? (
          <Space size={6} data-testid="vte-ward-risk" style={{ whiteSpace: 'nowrap' }}>
            <Typography.Text type="secondary">{openLabel(vteModelShortLabels, lang, p.assessment.riskModel)}</Typography.Text>
            <Typography.Text strong>{t('vte.points', { n: formatScore(p.assessment.riskScore) })}</Typography.Text>
            <RiskBandTag band={p.assessment.riskBand} />
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('vte.notAssessed')}</Typography.Text>
        ),
    },
    {
      title: t('vte.col.bleeding'),
      key: 'bleeding',
      width: 100,
      render: (_, p) => (p.assessment ? <BleedingBandTag band={p.assessment.bleedingBand} short /> : null),
    },
    {
      title: t('vte.col.recommendation'),
      key: 'recommendation',
      width: 140,
      render: (_, p) => openLabel(vteProphylaxisLabels, lang, p.assessment?.recommendation),
    },
    {
      title: t('vte.col.inPlace'),
      key: 'inPlace',
      width: 150,
      render: (_, p) =>
        p.assessment ? (
          <ProphylaxisTags pharm={p.assessment.pharmInPlace} mech={p.assessment.mechInPlace} atRisk={p.assessment.atRisk} />
        ) : null,
    },
    {
      title: t('vte.col.alerts'),
      key: 'alerts',
      width: 80,
      align: 'center',
      render: (_, p) =>
        p.alerts.length > 0 ? (
          <Badge count={p.alerts.length} data-testid="vte-ward-alerts" />
        ) : (
          <Typography.Text type="secondary">0</Typography.Text>
        ),
    },
  ];

  const rowProps = (p: VteWardPatient): HTMLAttributes<HTMLElement> => {
    const props = {
      onClick: () => navigate(`/vte/patients/${encodeURIComponent(p.patientId)}`),
      'data-testid': 'vte-ward-row',
      'data-patient-id': p.patientId,
    };
    return props;
  };

  const counters = [
    { key: 'inHospital', title: t('vte.ward.inHospital'), value: patients.length, color: undefined },
    { key: 'atRisk', title: t('vte.ward.atRisk'), value: ward.data?.atRisk ?? 0, color: '#cf1322' },
    { key: 'withAlerts', title: t('vte.ward.withAlerts'), value: ward.data?.withAlerts ?? 0, color: '#d46b08' },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={16}>
        {counters.map((c) => (
          <Col xs={24} md={8} key={c.key}>
            <Card size="small" data-testid={`vte-count-${c.key}`}>
              <Statistic
                title={c.title}
                value={c.value}
                loading={ward.loading && !ward.data}
                valueStyle={c.color ? { color: c.color } : undefined}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card
        title={t('vte.ward.title')}
        extra={
          <Space>
            {ward.data && (
              <Typography.Text type="secondary">{t('vte.asOf', { at: formatDateTime(ward.data.asOf) })}</Typography.Text>
            )}
            <Select
              allowClear
              showSearch
              placeholder={t('vte.allDepartments')}
              style={{ width: 180 }}
              value={department}
              onChange={chooseDepartment}
              loading={departments.loading}
              options={(departments.data ?? []).map((name) => ({ value: name, label: name }))}
              data-testid="vte-ward-department"
            />
            <Button icon={<ReloadOutlined />} onClick={ward.reload}>
              {t('vte.refresh')}
            </Button>
          </Space>
        }
      >
        <Table<VteWardPatient>
          rowKey="encounterId"
          size="middle"
          columns={columns}
          dataSource={patients}
          loading={ward.loading}
          rowClassName="clickable-row"
          onRow={rowProps}
          locale={{ emptyText: t('vte.ward.empty') }}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n }) }}
          scroll={{ x: 1100 }}
        />
      </Card>
    </Space>
  );
}
