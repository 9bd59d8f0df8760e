import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Col, Descriptions, Input, List, Modal, Radio, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../auth/AuthContext';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { cohortApi, DEFAULT_DATASET, exportDataset, type CohortPatient, type FactDetail } from '../../api/cohorts';
import type { Role, Sex } from '../../api/types';
import { useApi } from '../../components/useApi';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n/I18nContext';
import { label, sexLabels } from '../../i18n/labels';
import type { MessageKey } from '../../i18n/messages';
import { documentLink } from '../patient/documentLink';
import { Count } from './CohortBuilderPage';
import { AttritionChart, DemographicsCharts } from './CohortCharts';

/** One piece of evidence; a note fact links to its words in the document viewer. */
function Evidence({ fact, patientId }: { fact: FactDetail; patientId: string }) {
  const { t } = useI18n();
  const text = (
    <Space size={4}>
      <Tag>{t(`cohort.domain.${fact.domain}` as MessageKey)}</Tag>
      <span>{fact.label}</span>
      <Typography.Text type="secondary">{formatDateTime(fact.at)}</Typography.Text>
    </Space>
  );
  if (fact.documentId) {
    const span = fact.start !== null && fact.end !== null ? { start: fact.start, end: fact.end } : undefined;
    return (
      <Link to={documentLink(patientId, fact.documentId, span)} data-testid="evidence-link">
        {text}
      </Link>
    );
  }
  return text;
}

const IDENTIFIED_ROLES: Role[] = ['ADMIN', 'DATA_STEWARD', 'CLINICIAN', 'QUALITY_OFFICER'];

/** Exports the cohort as a dataset: a specification (JSON), a format, and identified data only for those allowed. */
function ExportDialog({ id, version, open, onClose }: { id: string; version: number | undefined; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { hasRole } = useAuth();
  const mayIdentify = IDENTIFIED_ROLES.some(hasRole);
  const [spec, setSpec] = useState(JSON.stringify(DEFAULT_DATASET, null, 2));
  const [format, setFormat] = useState<'csv' | 'parquet'>('csv');
  const [identified, setIdentified] = useState(false);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(spec);
    } catch {
      void message.error(t('cohort.export.badJson'));
      return;
    }
    setBusy(true);
    try {
      const file = await exportDataset(id, version, format, identified, parsed);
      const url = URL.createObjectURL(file.blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = file.fileName;
      link.click();
      URL.revokeObjectURL(url);
      void message.success(
        t(file.deidentified ? 'cohort.export.doneDeidentified' : 'cohort.export.doneIdentified', { n: file.rows }),
      );
      onClose();
    } catch (cause) {
      void message.error(cause instanceof Error ? cause.message : String(cause));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('cohort.export.title')}
      onCancel={onClose}
      onOk={run}
      okText={t('cohort.export.run')}
      confirmLoading={busy}
      width={720}
      okButtonProps={{ 'data-testid': 'cohort-export-run' } as Record<string, string>}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">{t('cohort.export.hint')}</Typography.Paragraph>
        <Space>
          <Radio.Group value={format} onChange={(e) => setFormat(e.target.value)}>
            <Radio.Button value="csv">CSV</Radio.Button>
            <Radio.Button value="parquet">Parquet</Radio.Button>
          </Radio.Group>
          {mayIdentify && (
            <Checkbox checked={identified} onChange={(e) => setIdentified(e.target.checked)} data-testid="cohort-export-identified">
              {t('cohort.export.identified')}
            </Checkbox>
          )}
        </Space>
        <Input.TextArea
          data-testid="cohort-export-spec"
          value={spec}
          onChange={(e) => setSpec(e.target.value)}
          autoSize={{ minRows: 10, maxRows: 22 }}
          style={{ fontFamily: 'monospace', fontSize: 12 }}
        />
      </Space>
    </Modal>
  );
}

/**
 * A saved cohort: its versions and definition, the count with attrition and demographics, and the members with the
 * evidence that put each of them in (which facts satisfied which rule).
 */
export default function CohortDetailPage() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const version = params.get('version') ? Number(params.get('version')) : undefined;
  const [page, setPage] = useState(0);
  const [exporting, setExporting] = useState(false);
  const size = 10;
  const cohort = useApi((signal) => cohortApi.get(id, version, signal), [id, version]);
  const count = useApi((signal) => cohortApi.savedCount(id, version, signal), [id, version]);
  const patients = useApi((signal) => cohortApi.patients(id, version, page, size, signal), [id, version, page]);
  const c = cohort.data;
  const suppressedBelow = count.data?.suppressed_below ?? null;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <ExportDialog id={id} version={version} open={exporting} onClose={() => setExporting(false)} />
      <Card
        title={c?.name ?? id}
        loading={cohort.loading && !c}
        extra={
          c && (
            <Space>
            <Button icon={<DownloadOutlined />} onClick={() => setExporting(true)} data-testid="cohort-export">
              {t('cohort.export.button')}
            </Button>
            <Select
              data-testid="cohort-version"
              style={{ width: 160 }}
              value={c.version}
              onChange={(v: number) => {
                setPage(0);
                setParams({ version: String(v) });
              }}
              options={c.versions.map((v) => ({ value: v.version, label: `${t('cohort.version')} ${v.version}` }))}
            />
            </Space>
          )
        }
      >
        {c && (
          <Descriptions size="small" column={3}>
            <Descriptions.Item label="ID">{c.id}</Descriptions.Item>
            <Descriptions.Item label={t('cohort.createdBy')}>{c.created_by}</Descriptions.Item>
            <Descriptions.Item label={t('cohort.createdAt')}>{formatDateTime(c.created_at)}</Descriptions.Item>
            {c.description && <Descriptions.Item label={t('cohort.description')}>{c.description}</Descriptions.Item>}
          </Descriptions>
        )}
        {c && (
          <details>
            <summary>{t('cohort.definition')}</summary>
            <pre style={{ maxHeight: 360, overflow: 'auto', background: '#fafafa', padding: 12 }}>
              {JSON.stringify(c.definition, null, 2)}
            </pre>
          </details>
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title={t('cohort.attrition')} size="small" loading={count.loading && !count.data}>
            {count.data && (
              <>
                <Typography.Title level={4} data-testid="cohort-count">
                  <Count value={count.data.count} suppressedBelow={suppressedBelow} />
                </Typography.Title>
                <AttritionChart
                  index={count.data.index}
                  rules={count.data.attrition.map((a) => ({ rule: a.rule, remaining: a.remaining }))}
                />
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('cohort.demographics')} size="small" loading={count.loading && !count.data}>
            {count.data?.demographics && <DemographicsCharts demographics={count.data.demographics} />}
          </Card>
        </Col>
      </Row>
      <Card title={t('cohort.members')} size="small">
        {patients.data && patients.data.total === null ? (
          <Typography.Text type="secondary">{t('cohort.listSuppressed', { n: patients.data.suppressed_below ?? 10 })}</Typography.Text>
        ) : (
          <Table<CohortPatient>
            rowKey="patient_id"
            size="small"
            data-testid="cohort-members"
            loading={patients.loading}
            dataSource={patients.data?.patients ?? []}
            pagination={{
              current: page + 1,
              pageSize: size,
              total: patients.data?.total ?? 0,
              showSizeChanger: false,
              onChange: (p) => setPage(p - 1),
            }}
            expandable={{
              expandedRowRender: (p) => (
                <List
                  size="small"
                  data-testid="cohort-evidence"
                  header={
                    p.index && (
                      <Space>
                        <Typography.Text strong>{t('cohort.indexEvent')}:</Typography.Text>
                        <Evidence fact={p.index} patientId={p.patient_id} />
                      </Space>
                    )
                  }
                  dataSource={p.evidence}
                  renderItem={(rule) => (
                    <List.Item>
                      <Space direction="vertical" size={2}>
                        <Space>
                          <Tag color={rule.satisfied ? 'green' : 'red'}>{rule.satisfied ? '✓' : '✗'}</Tag>
                          <Typography.Text strong>{rule.rule}</Typography.Text>
                          {rule.satisfied && rule.kind === 'absence' && (
                            <Typography.Text type="secondary">{t('cohort.byAbsence')}</Typography.Text>
                          )}
                          {rule.kind === 'demographics' && (
                            <Typography.Text type="secondary">
                              {[label(sexLabels, lang, p.sex as Sex), p.age_at_index === null ? '' : t('patient.ageYears', { n: p.age_at_index })]
                                .filter(Boolean)
                                .join('，')}
                            </Typography.Text>
                          )}
                        </Space>
                        {rule.facts.slice(0, 8).map((f) => (
                          <Evidence key={`${f.domain}:${f.id}`} fact={f} patientId={p.patient_id} />
                        ))}
                        {rule.facts.length > 8 && (
                          <Typography.Text type="secondary">{t('cohort.moreFacts', { n: rule.facts.length - 8 })}</Typography.Text>
                        )}
                      </Space>
                    </List.Item>
                  )}
                />
              ),
            }}
            columns={[
              {
                title: t('patient.name'),
                dataIndex: 'name',
                render: (name: string, p) => <Link to={`/patients/${encodeURIComponent(p.patient_id)}`}>{name}</Link>,
              },
              { title: t('patient.mrn'), dataIndex: 'mrn', render: (v: string | null) => v ?? '—' },
              { title: t('patient.sex'), dataIndex: 'sex', width: 80, render: (s: Sex) => label(sexLabels, lang, s) },
              { title: t('cohort.ageAtIndex'), dataIndex: 'age_at_index', width: 110 },
              { title: t('cohort.indexAt'), dataIndex: 'index_at', width: 170, render: (v: string) => formatDateTime(v) },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
