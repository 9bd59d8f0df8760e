import { ArrowLeftOutlined, ProfileOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Input,
  List,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
  type TabsProps,
} from 'antd';
import type { HTMLAttributes } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import {
  vteApi,
  type VteAssessment,
  type VteAssessmentRow,
  type VteContraindication,
  type VteItem,
  type VteModelResult,
  type VteStayHistory,
} from '../../api/vte';
import { useApi } from '../../components/useApi';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n/I18nContext';
import {
  openLabel,
  vteModelLabels,
  vteModelTabLabels,
  vteProphylaxisLabels,
  vteReasonLabels,
} from '../../i18n/labels';
import { AlertKindTag, BleedingBandTag, EvidenceList, ProphylaxisTags, RiskBandTag } from './VteTags';
import { formatScore, isBleedingModel, modelOrder } from './vteFormat';

function ModelPanel({ model, patientId, chosen }: { model: VteModelResult; patientId: string; chosen: boolean }) {
  const { t, lang } = useI18n();
  const bleeding = isBleedingModel(model);
  const bandText = lang === 'en' ? model.bandLabelEn : model.bandLabel;
  const columns: TableColumnsType<VteItem> = [
    {
      title: t('vte.col.item'),
      key: 'label',
      width: '34%',
      render: (_, item) => (
        <Space direction="vertical" size={0}>
          <span>{lang === 'en' ? item.labelEn : item.label}</span>
          {item.supersededBy && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('vte.superseded', { item: item.supersededBy })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('vte.col.points'),
      dataIndex: 'points',
      width: 70,
      align: 'right',
      render: (points: number, item) =>
        item.supersededBy ? <Typography.Text delete>{formatScore(points)}</Typography.Text> : formatScore(points),
    },
    {
      title: t('vte.col.evidence'),
      key: 'evidence',
      render: (_, item) => <EvidenceList patientId={patientId} evidence={item.evidence} />,
    },
  ];
  const itemRow = (item: VteItem): HTMLAttributes<HTMLElement> => {
    return { 'data-testid': 'vte-item', 'data-item-id': item.id } as HTMLAttributes<HTMLElement>;
  };

  return (
    <div data-testid={`vte-model-${model.id}`}>
      <Row gutter={16} align="middle" style={{ marginBottom: 12 }}>
        <Col flex="none" data-testid={`vte-score-${model.id}`}>
          <Statistic title={t('vte.score')} value={formatScore(model.score)} suffix={t('vte.pointsUnit')} />
        </Col>
        <Col flex="none">
          {bleeding ? <BleedingBandTag band={model.band} text={bandText} /> : <RiskBandTag band={model.band} text={bandText} />}
          {chosen && (
            <Tag color="blue" style={{ marginInlineStart: 8 }}>
              {t('vte.chosenModel')}
            </Tag>
          )}
        </Col>
        <Col flex="auto">
          <div>
            <Typography.Text strong>{lang === 'en' ? openLabel(vteModelLabels, lang, model.id) : model.title}</Typography.Text>
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {model.source}
          </Typography.Text>
        </Col>
      </Row>
      <Table<VteItem>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={model.items}
        pagination={false}
        onRow={itemRow}
        locale={{ emptyText: t('vte.noItems') }}
      />
      {model.unknown.length > 0 && (
        <div style={{ marginTop: 16 }} data-testid="vte-unknown">
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('vte.unknownItems', { points: formatScore(model.unknownPoints) })}
          </Typography.Title>
          <List
            size="small"
            dataSource={model.unknown}
            renderItem={(item) => (
              <List.Item data-testid="vte-unknown-item">
                <Space wrap>
                  <Tag color="default">{t('vte.unknown')}</Tag>
                  <span>{lang === 'en' && item.labelEn ? item.labelEn : item.label}</span>
                  <Typography.Text type="secondary">{t('vte.points', { n: formatScore(item.points) })}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {item.reason}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </div>
      )}
    </div>
  );
}

function ContraindicationList({
  items,
  patientId,
  testId,
  emptyText,
}: {
  items: VteContraindication[];
  patientId: string;
  testId: string;
  emptyText: string;
}) {
  const { lang } = useI18n();
  if (items.length === 0) return <Typography.Text type="secondary">{emptyText}</Typography.Text>;
  return (
    <List
      size="small"
      split={false}
      dataSource={items}
      data-testid={testId}
      renderItem={(c) => (
        <List.Item style={{ padding: '4px 0', display: 'block' }}>
          <div>{lang === 'en' ? c.labelEn : c.label}</div>
          {c.evidence && <EvidenceList patientId={patientId} evidence={c.evidence} />}
          {c.reason && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.reason}
            </Typography.Text>
          )}
        </List.Item>
      )}
    />
  );
}

function Summary({ assessment }: { assessment: VteAssessment }) {
  const { t, lang } = useI18n();
  const risk = assessment.models[assessment.model.risk];
  const bleeding = assessment.bleeding;
  const rec = assessment.recommendation;
  const contra = assessment.contraindications;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title={t('vte.summary.risk')} data-testid="vte-summary">
        <Row gutter={16}>
          <Col span={12} data-testid="vte-risk-score">
            <Statistic
              title={openLabel(vteModelLabels, lang, assessment.model.risk)}
              value={formatScore(risk?.score)}
              suffix={t('vte.pointsUnit')}
            />
            <RiskBandTag band={risk?.band} text={risk ? (lang === 'en' ? risk.bandLabelEn : risk.bandLabel) : undefined} />
          </Col>
          <Col span={12}>
            <Statistic
              title={openLabel(vteModelLabels, lang, assessment.model.bleeding)}
              value={formatScore(bleeding.score)}
              suffix={t('vte.pointsUnit')}
            />
            <BleedingBandTag band={bleeding.band} text={lang === 'en' ? bleeding.bandLabelEn : bleeding.bandLabel} />
          </Col>
        </Row>
      </Card>
      <Card size="small" title={t('vte.recommendation')} data-testid="vte-recommendation">
        <Space direction="vertical" size={4}>
          <Space>
            <Tag color={rec.prophylaxis === 'none' ? 'red' : rec.prophylaxis === 'ambulation' ? 'green' : 'blue'}>
              {openLabel(vteProphylaxisLabels, lang, rec.prophylaxis)}
            </Tag>
          </Space>
          <Typography.Text>{lang === 'en' ? rec.textEn : rec.text}</Typography.Text>
          {rec.reasons.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('vte.recommendationChanged')}: {rec.reasons.join('；')}
            </Typography.Text>
          )}
        </Space>
      </Card>
      <Card size="small" title={t('vte.inPlace')} data-testid="vte-in-place">
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('vte.prophylaxis.pharm')}>
            <EvidenceList patientId={assessment.patientId} evidence={assessment.prophylaxis.pharmacological} />
          </Descriptions.Item>
          <Descriptions.Item label={t('vte.prophylaxis.mech')}>
            <EvidenceList patientId={assessment.patientId} evidence={assessment.prophylaxis.mechanical} />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('vte.contraindications')} data-testid="vte-contraindications">
        <Typography.Text strong style={{ display: 'block' }}>
          {t('vte.contra.pharmacological')}
        </Typography.Text>
        <ContraindicationList
          items={contra.pharmacological}
          patientId={assessment.patientId}
          testId="vte-contra-pharmacological"
          emptyText={t('vte.contra.noneFound')}
        />
        <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>
          {t('vte.contra.mechanical')}
        </Typography.Text>
        <ContraindicationList
          items={contra.mechanical}
          patientId={assessment.patientId}
          testId="vte-contra-mechanical"
          emptyText={t('vte.contra.noneFound')}
        />
        <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>
          {t('vte.contra.toCheck')}
        </Typography.Text>
        <ContraindicationList
          items={contra.toCheck}
          patientId={assessment.patientId}
          testId="vte-contra-to-check"
          emptyText={t('common.none')}
        />
      </Card>
    </Space>
  );
}

function History({ stays }: { stays: VteStayHistory[] }) {
  const { t, lang } = useI18n();
  const columns: TableColumnsType<VteAssessmentRow> = [
    { title: t('vte.col.assessedAt'), dataIndex: 'assessedAt', width: 150, render: (at: string) => formatDateTime(at) },
    { title: t('vte.col.reason'), dataIndex: 'reason', width: 120, render: (r: string) => openLabel(vteReasonLabels, lang, r) },
    {
      title: t('vte.col.risk'),
      key: 'risk',
      render: (_, a) => (
        <Space size={6}>
          <Typography.Text type="secondary">{openLabel(vteModelLabels, lang, a.riskModel)}</Typography.Text>
          <span>{t('vte.points', { n: formatScore(a.riskScore) })}</span>
          <RiskBandTag band={a.riskBand} />
        </Space>
      ),
    },
    { title: t('vte.col.bleeding'), key: 'bleeding', width: 120, render: (_, a) => <BleedingBandTag band={a.bleedingBand} /> },
    {
      title: t('vte.col.recommendation'),
      dataIndex: 'recommendation',
      width: 150,
      render: (r: string) => openLabel(vteProphylaxisLabels, lang, r),
    },
    {
      title: t('vte.col.inPlace'),
      key: 'inPlace',
      width: 150,
      render: (_, a) => <ProphylaxisTags pharm={a.pharmInPlace} mech={a.mechInPlace} />,
    },
  ];
  if (stays.length === 0) return <Empty description={t('vte.history.empty')} />;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {stays.map((stay) => (
        <div key={stay.encounterId} data-testid="vte-history-stay">
          <Space wrap style={{ marginBottom: 8 }}>
            <Typography.Text strong>{stay.department}</Typography.Text>
            <Typography.Text type="secondary">
              {formatDateTime(stay.admittedAt)} — {stay.dischargedAt ? formatDateTime(stay.dischargedAt) : t('vte.history.inHospital')}
            </Typography.Text>
            {stay.alerts.map((alert) => (
              <span key={alert.id}>
                <AlertKindTag kind={alert.kind} />
              </span>
            ))}
          </Space>
          <Table<VteAssessmentRow>
            size="small"
            rowKey="id"
            columns={columns}
            dataSource={stay.assessments}
            pagination={false}
            locale={{ emptyText: t('vte.history.empty') }}
            onRow={() => ({ 'data-testid': 'vte-history-row' }) as HTMLAttributes<HTMLElement>}
          />
        </div>
      ))}
    </Space>
  );
}

/** Without a patient: pick one of the patients in hospital, or type a patient id. */
function PatientPicker() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const ward = useApi((signal) => vteApi.ward(undefined, signal), []);
  const open = (id: string) => {
    const trimmed = id.trim();
    if (trimmed) navigate(`/vte/patients/${encodeURIComponent(trimmed)}`);
  };
  return (
    <Card title={t('vte.assessment.title')}>
      <Space direction="vertical" size={16}>
        <Typography.Text type="secondary">{t('vte.assessment.pick')}</Typography.Text>
        <Select
          showSearch
          style={{ width: 420 }}
          placeholder={t('vte.assessment.pickInpatient')}
          loading={ward.loading}
          optionFilterProp="label"
          onChange={(id: string) => open(id)}
          options={(ward.data?.patients ?? []).map((p) => ({
            value: p.patientId,
            label: `${p.name} · ${p.department} · ${p.patientId}`,
          }))}
          data-testid="vte-pick-inpatient"
        />
        <Input.Search
          style={{ width: 420 }}
          placeholder={t('vte.assessment.patientId')}
          enterButton={t('vte.assessment.open')}
          onSearch={open}
        />
      </Space>
    </Card>
  );
}

/** One patient's VTE assessment now: every model with its items and evidence, the recommendation, the history. */
export default function VteAssessmentPage() {
  const { id = '' } = useParams<{ id: string }>();
  if (!id) return <PatientPicker />;
  return <AssessmentView key={id} patientId={id} />;
}

function AssessmentView({ patientId }: { patientId: string }) {
  const { t, lang } = useI18n();
  const assessment = useApi((signal) => vteApi.assessment(patientId, signal), [patientId]);
  const history = useApi((signal) => vteApi.history(patientId, signal), [patientId]);
  const a = assessment.data;

  if (assessment.loading && !a) return <Card><Skeleton active paragraph={{ rows: 10 }} /></Card>;
  if (!a) {
    const notFound = assessment.error instanceof ApiError && assessment.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'warning'}
        title={assessment.error?.message}
        extra={<Link to="/vte/ward"><Button>{t('vte.backToWard')}</Button></Link>}
      />
    );
  }

  const tabs: TabsProps['items'] = modelOrder(a).map((modelId) => {
    const model = a.models[modelId];
    const chosen = modelId === a.model.risk || modelId === a.model.bleeding;
    return {
      key: modelId,
      label: (
        <span data-testid={`vte-model-tab-${modelId}`}>
          {openLabel(vteModelTabLabels, lang, modelId)} · {formatScore(model.score)}
          {chosen && <span style={{ color: '#1f6feb' }}> ★</span>}
        </span>
      ),
      children: <ModelPanel model={model} patientId={a.patientId} chosen={chosen} />,
    };
  });

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" data-testid="vte-assessment-header">
        <Row justify="space-between" align="middle" gutter={[16, 8]}>
          <Col>
            <Space align="baseline" size="middle" wrap>
              <Link to="/vte/ward">
                <ArrowLeftOutlined /> {t('vte.backToWard')}
              </Link>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {a.patientName ?? a.patientId}
              </Typography.Title>
              <Typography.Text type="secondary">{a.patientId}</Typography.Text>
              {a.department && <Tag>{a.department}</Tag>}
              <Tag color={a.surgical ? 'purple' : 'geekblue'}>{a.surgical ? t('vte.surgical') : t('vte.medical')}</Tag>
              <Typography.Text type="secondary">
                {t('vte.assessedAt', { at: formatDateTime(a.at) })} · {a.encounterId}
              </Typography.Text>
            </Space>
          </Col>
          <Col>
            <Space>
              <Button icon={<ReloadOutlined />} onClick={() => { assessment.reload(); history.reload(); }}>
                {t('vte.reassess')}
              </Button>
              <Link to={`/patients/${encodeURIComponent(a.patientId)}`}>
                <Button icon={<ProfileOutlined />}>{t('vte.openRecord')}</Button>
              </Link>
            </Space>
          </Col>
        </Row>
      </Card>
      {a.recommendation.prophylaxis === 'none' && <Alert type="error" showIcon message={lang === 'en' ? a.recommendation.textEn : a.recommendation.text} />}
      <Row gutter={16}>
        <Col xs={24} xl={8}>
          <Summary assessment={a} />
        </Col>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('vte.models')} data-testid="vte-models">
            <Tabs defaultActiveKey={a.model.risk} items={tabs} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('vte.history')} data-testid="vte-history">
        {history.loading && !history.data ? <Skeleton active /> : <History stays={history.data ?? []} />}
      </Card>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="vte-knowledge">
        {t('vte.knowledge')}:{' '}
        {Object.entries(a.knowledge)
          .map(([key, version]) => `${key} ${version}`)
          .join(' · ')}
      </Typography.Text>
    </Space>
  );
}
