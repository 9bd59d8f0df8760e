import {
  Button,
  Card,
  Col,
  DatePicker,
  Drawer,
  Empty,
  Row,
  Segmented,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/api';
import { vteApi, type VteMetricDefinition, type VteStayRef } from '../../api/vte';
import { EChart, type ChartOption } from '../../components/EChart';
import { useApi } from '../../components/useApi';
import { formatDateTime } from '../../format';
import type { Lang, MessageKey } from '../../i18n/messages';
import { useI18n } from '../../i18n/I18nContext';
import { openLabel, vteProphylaxisLabels } from '../../i18n/labels';
import {
  busiestDepartments,
  defaultRange,
  latestMonth,
  metricSeries,
  monthTable,
  monthsBetween,
  type MetricCell,
} from './metrics';
import { ProphylaxisTags, RiskBandTag } from './VteTags';
import { formatRate } from './vteFormat';

const MONTH = 'YYYY-MM';
type ChartScope = 'hospital' | 'department';

const metricLabel = (metric: VteMetricDefinition | undefined, lang: Lang) => (metric ? metric.label[lang] || metric.label.zh : '');

interface DrillDown {
  metric: VteMetricDefinition;
  month: string;
  denominator: boolean;
}

function StayDrawer({ drill, department, onClose }: { drill: DrillDown | null; department?: string; onClose: () => void }) {
  const { t, lang } = useI18n();
  const stays = useApi(
    (signal) =>
      drill
        ? vteApi.stays(drill.metric.id, drill.month, department, drill.denominator, signal)
        : Promise.resolve([] as VteStayRef[]),
    [drill, department],
  );
  const columns: TableColumnsType<VteStayRef> = [
    {
      title: t('vte.col.patient'),
      dataIndex: 'patientId',
      width: 120,
      render: (id: string) => (
        <Link to={`/vte/patients/${encodeURIComponent(id)}`} data-testid="vte-stay-patient">
          {id}
        </Link>
      ),
    },
    { title: t('col.encounter'), dataIndex: 'encounterId', width: 130 },
    { title: t('col.department'), dataIndex: 'department', width: 110 },
    { title: t('vte.col.admitted'), dataIndex: 'admittedAt', width: 140, render: (at: string) => formatDateTime(at) },
    { title: t('col.dischargedAt'), dataIndex: 'dischargedAt', width: 140, render: (at: string | null) => formatDateTime(at) },
    { title: t('vte.col.maxBand'), dataIndex: 'maxBand', width: 90, render: (band: string | null) => <RiskBandTag band={band} /> },
    {
      title: t('vte.col.recommendation'),
      dataIndex: 'recommendation',
      width: 130,
      render: (r: string | null) => openLabel(vteProphylaxisLabels, lang, r),
    },
    {
      title: t('vte.col.given'),
      key: 'given',
      width: 150,
      render: (_, s) => (
        <Space size={4}>
          <ProphylaxisTags pharm={s.pharmacological} mech={s.mechanical} />
          {s.haVte && <Tag color="red">{t('vte.haVte')}</Tag>}
        </Space>
      ),
    },
  ];
  return (
    <Drawer
      open={drill !== null}
      onClose={onClose}
      width={1040}
      title={
        drill &&
        `${metricLabel(drill.metric, lang)} · ${drill.month} · ${drill.denominator ? t('vte.metrics.denominator') : t('vte.metrics.numerator')}`
      }
      destroyOnHidden
    >
      <Table<VteStayRef>
        rowKey="encounterId"
        size="small"
        columns={columns}
        dataSource={stays.data}
        loading={stays.loading}
        onRow={() => ({ 'data-testid': 'vte-stay-row' }) as HTMLAttributes<HTMLElement>}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false, showTotal: (n) => t('common.total', { n }) }}
      />
    </Drawer>
  );
}

/** The VTE-centre metrics by discharge month: a chart of one metric and the month's table with drill-down. */
export default function VteMetricsPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const fallback = useMemo(() => defaultRange(), []);
  const from = params.get('from') || fallback.from;
  const to = params.get('to') || fallback.to;
  const department = params.get('department') || undefined;
  const scope: ChartScope = params.get('scope') === 'department' ? 'department' : 'hospital';

  const definitions = useApi((signal) => vteApi.metricDefinitions(signal), []);
  const departments = useApi((signal) => api.departments(signal), []);
  const table = useApi(
    (signal) => vteApi.metrics({ from, to, department, byDepartment: false }, signal),
    [from, to, department],
  );
  const perDepartment = useApi(
    (signal) =>
      scope === 'department'
        ? vteApi.metrics({ from, to, department, byDepartment: true }, signal)
        : Promise.resolve(undefined),
    [from, to, department, scope],
  );

  const metrics = definitions.data?.metrics ?? [];
  const metricId = params.get('metric') || metrics[0]?.id;
  const metric = metrics.find((m) => m.id === metricId) ?? metrics[0];
  const months = useMemo(() => monthsBetween(from, to), [from, to]);
  const rows = table.data?.rows ?? [];
  const month = params.get('month') || latestMonth(rows) || to;
  const cells = useMemo(() => monthTable(rows, metrics, month), [rows, metrics, month]);
  const [drill, setDrill] = useState<DrillDown | null>(null);

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  };

  const hospitalName = department ?? t('vte.metrics.hospital');
  const option = useMemo<ChartOption | null>(() => {
    if (!metric) return null;
    const percent = t('vte.metrics.ratePercent');
    if (scope === 'department') {
      const departmentRows = perDepartment.data?.rows ?? [];
      const series = metricSeries(departmentRows, metric.id, months);
      // Many departments make a tangle: the busiest few are shown, the others are one legend click away.
      const shown = new Set(busiestDepartments(departmentRows, metric.id, 5));
      return {
        tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '—' : `${String(v)}%`) },
        legend: { type: 'scroll', top: 0, selected: Object.fromEntries(series.map((s) => [s.name, shown.has(s.name)])) },
        grid: { left: 56, right: 24, top: 64, bottom: 32 },
        xAxis: { type: 'category', data: months },
        yAxis: { type: 'value', name: percent, min: 0, max: 100 },
        series: series.map((s) => ({ name: s.name, type: 'line', data: s.data, connectNulls: false, symbolSize: 6 })),
      };
    }
    const [series] = metricSeries(rows, metric.id, months);
    const denominators = months.map((m) => rows.find((r) => r.metric === metric.id && r.month === m)?.denominator ?? 0);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 56, right: 56, top: 64, bottom: 32 },
      xAxis: { type: 'category', data: months },
      yAxis: [
        { type: 'value', name: percent, min: 0, max: 100 },
        { type: 'value', name: t('vte.metrics.denominator'), splitLine: { show: false }, minInterval: 1 },
      ],
      series: [
        {
          name: t('vte.metrics.denominator'),
          type: 'bar',
          yAxisIndex: 1,
          data: denominators,
          itemStyle: { color: '#d6e4ff' },
          barMaxWidth: 28,
        },
        {
          name: `${hospitalName} · ${metricLabel(metric, lang)}`,
          type: 'line',
          data: series?.data ?? months.map(() => null),
          symbolSize: 7,
          itemStyle: { color: '#1f6feb' },
          label: { show: true, formatter: (p) => (p.value === null || p.value === undefined ? '' : `${String(p.value)}%`) },
        },
      ],
    };
  }, [metric, scope, perDepartment.data, rows, months, t, lang, hospitalName]);

  const drillButton = (cell: MetricCell, denominator: boolean) => {
    const value = denominator ? cell.denominator : cell.numerator;
    const testId = denominator ? 'vte-metric-denominator' : 'vte-metric-numerator';
    if (value === 0) return <span data-testid={testId}>0</span>;
    return (
      <Button
        type="link"
        size="small"
        style={{ padding: 0 }}
        onClick={(event) => {
          event.stopPropagation();
          setDrill({ metric: cell.metric, month, denominator });
        }}
        data-testid={testId}
      >
        {value}
      </Button>
    );
  };

  const groupLabel = (group: string) => {
    const key = `vte.metrics.group.${group}` as MessageKey;
    return ['assessment', 'prophylaxis', 'outcome'].includes(group) ? t(key) : group;
  };

  const columns: TableColumnsType<MetricCell> = [
    {
      title: t('vte.metrics.metric'),
      key: 'metric',
      render: (_, cell) => (
        <Space size={6}>
          <Tag bordered={false} style={{ minWidth: lang === 'en' ? 80 : 40, textAlign: 'center' }}>
            {groupLabel(cell.metric.group)}
          </Tag>
          <Typography.Text strong={cell.metric.id === metric?.id}>{metricLabel(cell.metric, lang)}</Typography.Text>
        </Space>
      ),
    },
    { title: t('vte.metrics.numerator'), key: 'numerator', width: 72, align: 'right', render: (_, cell) => drillButton(cell, false) },
    { title: t('vte.metrics.denominator'), key: 'denominator', width: 72, align: 'right', render: (_, cell) => drillButton(cell, true) },
    {
      title: t('vte.metrics.rate'),
      key: 'rate',
      width: 80,
      align: 'right',
      render: (_, cell) => <span data-testid="vte-metric-rate">{formatRate(cell.rate)}</span>,
    },
  ];

  const range: [Dayjs, Dayjs] = [dayjs(`${from}-01`), dayjs(`${to}-01`)];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap size="middle">
          <Space>
            <Typography.Text>{t('vte.metrics.months')}</Typography.Text>
            <DatePicker.RangePicker
              picker="month"
              allowClear={false}
              value={range}
              onChange={(values) => {
                const [start, end] = values ?? [];
                if (start && end) update({ from: start.format(MONTH), to: end.format(MONTH), month: undefined });
              }}
            />
          </Space>
          <Select
            allowClear
            showSearch
            placeholder={t('vte.metrics.hospital')}
            style={{ width: 180 }}
            value={department}
            onChange={(value: string | undefined) => update({ department: value })}
            loading={departments.loading}
            options={(departments.data ?? []).map((name) => ({ value: name, label: name }))}
            data-testid="vte-metrics-department"
          />
          {definitions.data && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('vte.metrics.version', { version: definitions.data.version, age: definitions.data.minAgeYears })}
            </Typography.Text>
          )}
        </Space>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={13}>
          <Card
            size="small"
            title={t('vte.metrics.trend')}
            extra={
              <Space wrap>
                <Select
                  style={{ width: 280 }}
                  value={metric?.id}
                  onChange={(value: string) => update({ metric: value })}
                  options={metrics.map((m) => ({ value: m.id, label: metricLabel(m, lang) }))}
                  data-testid="vte-metric-select"
                />
                <Segmented<ChartScope>
                  value={scope}
                  onChange={(value) => update({ scope: value === 'department' ? value : undefined })}
                  options={[
                    { value: 'hospital', label: department ? department : t('vte.metrics.hospital') },
                    { value: 'department', label: t('vte.metrics.byDepartment') },
                  ]}
                />
              </Space>
            }
          >
            {option && !(table.loading && !table.data) ? (
              <EChart option={option} height={380} testId="vte-metrics-chart" />
            ) : (
              <Skeleton active paragraph={{ rows: 8 }} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <Card
            size="small"
            title={t('vte.metrics.table', { place: hospitalName })}
            extra={
              <Select
                showSearch
                style={{ width: 120 }}
                value={month}
                onChange={(value: string) => update({ month: value })}
                options={[...months].reverse().map((m) => ({ value: m, label: m }))}
                data-testid="vte-metrics-month"
              />
            }
          >
            {metrics.length === 0 && !definitions.loading ? (
              <Empty />
            ) : (
              <Table<MetricCell>
                rowKey={(cell) => cell.metric.id}
                size="small"
                columns={columns}
                dataSource={cells}
                loading={table.loading || definitions.loading}
                pagination={false}
                rowClassName="clickable-row"
                onRow={(cell) =>
                  ({
                    'data-testid': 'vte-metric-row',
                    'data-metric': cell.metric.id,
                    onClick: () => update({ metric: cell.metric.id }),
                  }) as HTMLAttributes<HTMLElement>
                }
              />
            )}
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
              {t('vte.metrics.hint')}
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>
      <StayDrawer drill={drill} department={department} onClose={() => setDrill(null)} />
    </Space>
  );
}
