import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Input, Radio, Row, Space, Statistic, Switch, Table, Tabs, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { cohortApi, type CohortCount, type CohortPreview } from '../../api/cohorts';
import { useI18n } from '../../i18n/I18nContext';
import { AttritionChart, DemographicsCharts } from './CohortCharts';
import { CriterionEditor } from './CriterionEditor';
import { definitionJson, emptyCriterion, missing, nextRuleName, type CohortDraft, type RuleDraft } from './criteria';

/** A count that may be a suppressed small cell. */
export function Count({ value, suppressedBelow }: { value: number | null | undefined; suppressedBelow: number | null }) {
  const { t } = useI18n();
  if (value === undefined) return <>…</>;
  if (value === null) return <Typography.Text type="secondary">{t('cohort.suppressed', { n: suppressedBelow ?? 10 })}</Typography.Text>;
  return <>{value.toLocaleString()}</>;
}

/**
 * A new cohort, or one started from a document search (`?noteText=发热&noteText=咳嗽&mode=affirmed|all`): its
 * words become the index event, a note finding with them, affirmed unless the search counted every mention.
 */
export function initialDraft(params: URLSearchParams): CohortDraft {
  const texts = params.getAll('noteText').filter((text) => text.trim() !== '');
  if (texts.length === 0) {
    return { name: '', occurrence: 'FIRST', index: { ...emptyCriterion('encounter'), encounterTypes: ['INPATIENT'] }, rules: [] };
  }
  return {
    name: texts.join(' / '),
    occurrence: 'FIRST',
    index: { ...emptyCriterion('noteFact'), texts, assertion: params.get('mode') === 'all' ? 'ANY' : 'AFFIRMED' },
    rules: [],
  };
}

/**
 * The cohort builder: an index event and named inclusion rules edited as a form, with live counts (what each rule
 * keeps alone and after the ones before it), the attrition funnel and demographics, and saving as a versioned cohort.
 */
export default function CohortBuilderPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [draft, setDraft] = useState<CohortDraft>(() => initialDraft(params));
  const [description, setDescription] = useState('');
  const [preview, setPreview] = useState<CohortPreview>();
  const [count, setCount] = useState<CohortCount>();
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);

  const definition = useMemo(() => definitionJson(draft), [draft]);
  const definitionText = useMemo(() => JSON.stringify(definition, null, 2), [definition]);
  const indexReady = missing(draft.index) === null;

  // Live counts, debounced so typing a code does not send a query per key.
  useEffect(() => {
    if (!indexReady) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      Promise.all([cohortApi.preview(definition), cohortApi.count(definition, true)])
        .then(([p, c]) => {
          if (cancelled) return;
          setPreview(p);
          setCount(c);
          setProblem(undefined);
        })
        .catch((cause: unknown) => {
          if (!cancelled) setProblem(cause instanceof Error ? cause.message : String(cause));
        });
    }, 400);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [definitionText, indexReady]);

  const setRule = (key: number, patch: Partial<RuleDraft>) =>
    setDraft((d) => ({ ...d, rules: d.rules.map((r) => (r.key === key ? { ...r, ...patch } : r)) }));
  const addRule = () =>
    setDraft((d) => ({
      ...d,
      rules: [
        ...d.rules,
        {
          key: Math.max(0, ...d.rules.map((r) => r.key)) + 1,
          name: nextRuleName(d.rules, t('cohort.rule')),
          exclude: false,
          criterion: emptyCriterion('demographics'),
        },
      ],
    }));

  const save = async () => {
    setSaving(true);
    try {
      const saved = await cohortApi.save(draft.name, description, definition);
      void message.success(t('cohort.saved', { id: saved.id, version: saved.version }));
      navigate(`/research/cohorts/${encodeURIComponent(saved.id)}`);
    } catch (cause) {
      void message.error(cause instanceof ApiError ? cause.message : String(cause));
    } finally {
      setSaving(false);
    }
  };

  const previewRows = preview?.rules ?? [];
  return (
    <Row gutter={16}>
      <Col xs={24} xl={14}>
        <Card
          title={t('cohort.builder')}
          extra={
            <Button type="primary" icon={<SaveOutlined />} onClick={save} loading={saving} disabled={!indexReady} data-testid="cohort-save">
              {t('cohort.save')}
            </Button>
          }
        >
          <Space direction="vertical" style={{ width: '100%' }} size="middle">
            <Input
              data-testid="cohort-name"
              placeholder={t('cohort.name')}
              value={draft.name}
              onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))}
            />
            <Input.TextArea
              placeholder={t('cohort.description')}
              autoSize={{ minRows: 1, maxRows: 3 }}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
            <Tabs
              items={[
                {
                  key: 'form',
                  label: t('cohort.form'),
                  children: (
                    <Space direction="vertical" style={{ width: '100%' }} size="middle">
                      <Card size="small" title={t('cohort.indexEvent')} data-testid="cohort-index">
                        <Space direction="vertical" style={{ width: '100%' }}>
                          <Radio.Group
                            value={draft.occurrence}
                            onChange={(e) => setDraft((d) => ({ ...d, occurrence: e.target.value }))}
                            options={[
                              { value: 'FIRST', label: t('cohort.first') },
                              { value: 'EVERY', label: t('cohort.every') },
                            ]}
                          />
                          <CriterionEditor
                            testId="index"
                            value={draft.index}
                            onChange={(index) => setDraft((d) => ({ ...d, index }))}
                            scoped={false}
                            allowDemographics={false}
                          />
                        </Space>
                      </Card>
                      {draft.rules.map((rule, i) => (
                        <Card
                          key={rule.key}
                          size="small"
                          data-testid={`cohort-rule-${i}`}
                          title={
                            <Space>
                              <Typography.Text type="secondary">{i + 1}.</Typography.Text>
                              <Input
                                data-testid={`rule-${i}-name`}
                                variant="borderless"
                                value={rule.name}
                                onChange={(e) => setRule(rule.key, { name: e.target.value })}
                              />
                            </Space>
                          }
                          extra={
                            <Space>
                              <Switch
                                checked={rule.exclude}
                                onChange={(exclude) => setRule(rule.key, { exclude })}
                                checkedChildren={t('cohort.exclude')}
                                unCheckedChildren={t('cohort.include')}
                              />
                              <Button
                                type="text"
                                icon={<DeleteOutlined />}
                                aria-label={t('cohort.removeRule')}
                                onClick={() => setDraft((d) => ({ ...d, rules: d.rules.filter((r) => r.key !== rule.key) }))}
                              />
                            </Space>
                          }
                        >
                          <CriterionEditor
                            testId={`rule-${i}`}
                            value={rule.criterion}
                            onChange={(criterion) => setRule(rule.key, { criterion })}
                            scoped
                            allowDemographics
                          />
                        </Card>
                      ))}
                      <Button icon={<PlusOutlined />} onClick={addRule} data-testid="cohort-add-rule">
                        {t('cohort.addRule')}
                      </Button>
                    </Space>
                  ),
                },
                {
                  key: 'json',
                  label: 'JSON',
                  children: (
                    <pre data-testid="cohort-json" style={{ maxHeight: 480, overflow: 'auto', background: '#fafafa', padding: 12 }}>
                      {definitionText}
                    </pre>
                  ),
                },
              ]}
            />
          </Space>
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card title={t('cohort.liveCounts')} size="small">
          {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
          <Row gutter={16}>
            <Col span={12}>
              <Statistic
                title={t('cohort.indexEvent')}
                valueRender={() => <Count value={preview?.index} suppressedBelow={preview?.suppressed_below ?? null} />}
              />
            </Col>
            <Col span={12}>
              <Statistic
                title={t('cohort.count')}
                valueRender={() => (
                  <span data-testid="cohort-count">
                    <Count value={preview?.count} suppressedBelow={preview?.suppressed_below ?? null} />
                  </span>
                )}
              />
            </Col>
          </Row>
          <Table
            size="small"
            rowKey="rule"
            pagination={false}
            dataSource={previewRows}
            style={{ marginTop: 12 }}
            columns={[
              { title: t('cohort.rule'), dataIndex: 'rule' },
              {
                title: t('cohort.alone'),
                dataIndex: 'alone',
                width: 110,
                render: (v: number | null) => <Count value={v} suppressedBelow={preview?.suppressed_below ?? null} />,
              },
              {
                title: t('cohort.remaining'),
                dataIndex: 'remaining',
                width: 110,
                render: (v: number | null) => <Count value={v} suppressedBelow={preview?.suppressed_below ?? null} />,
              },
            ]}
          />
          {preview && <AttritionChart index={preview.index} rules={preview.rules} />}
          {preview && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('cohort.elapsed', { ms: preview.elapsed_ms })}
            </Typography.Text>
          )}
        </Card>
        {count?.demographics && (
          <Card title={t('cohort.demographics')} size="small" style={{ marginTop: 16 }}>
            <DemographicsCharts demographics={count.demographics} />
          </Card>
        )}
      </Col>
    </Row>
  );
}
