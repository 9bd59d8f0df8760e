import { Card, Col, Row, Skeleton, Statistic } from 'antd';
import { useMemo } from 'react';
import { api } from '../../api/api';
import type { Counts } from '../../api/types';
import { EChart, type ChartOption } from '../../components/EChart';
import { useApi } from '../../components/useApi';
import { useI18n } from '../../i18n/I18nContext';
import type { MessageKey } from '../../i18n/messages';
import { byDepartment, byMonth, type ActivityTotals } from './activity';

const countCards: { key: keyof Counts; label: MessageKey }[] = [
  { key: 'patients', label: 'home.patients' },
  { key: 'encounters', label: 'home.encounters' },
  { key: 'documents', label: 'home.documents' },
  { key: 'facts', label: 'home.facts' },
];

function chartOption(totals: ActivityTotals, kind: 'bar' | 'line', names: [string, string, string]): ChartOption {
  const [patients, admissions, documents] = names;
  const rotate = kind === 'bar' && totals.keys.length > 8 ? 45 : 0;
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 48, top: 40, bottom: rotate ? 88 : 32 },
    xAxis: { type: 'category', data: totals.keys, axisLabel: { rotate, interval: kind === 'bar' ? 0 : 'auto', hideOverlap: kind === 'line' } },
    yAxis: [
      { type: 'value', name: `${patients} / ${admissions}` },
      { type: 'value', name: documents, splitLine: { show: false } },
    ],
    series: [
      { name: patients, type: kind, data: totals.patients, smooth: kind === 'line' },
      { name: admissions, type: kind, data: totals.admissions, smooth: kind === 'line' },
      { name: documents, type: kind, data: totals.documents, yAxisIndex: 1, smooth: kind === 'line' },
    ],
  };
}

/** Overview: counts and activity by department and by month. */
export default function HomePage() {
  const { t } = useI18n();
  const { data, loading } = useApi((signal) => api.overview(signal), []);
  const options = useMemo(() => {
    const names: [string, string, string] = [t('home.patients'), t('home.admissions'), t('home.documents')];
    const rows = data?.activity ?? [];
    return {
      department: chartOption(byDepartment(rows), 'bar', names),
      month: chartOption(byMonth(rows), 'line', names),
    };
  }, [data, t]);

  return (
    <>
      <Row gutter={[16, 16]}>
        {countCards.map(({ key, label }) => (
          <Col xs={12} lg={6} key={key}>
            <Card>
              <Statistic title={t(label)} value={data?.counts[key] ?? 0} loading={loading} data-testid={`count-${key}`} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={12}>
          <Card title={t('home.byDepartment')}>
            {loading ? <Skeleton active /> : <EChart option={options.department} testId="home-chart-department" />}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('home.byMonth')}>
            {loading ? <Skeleton active /> : <EChart option={options.month} testId="home-chart-month" />}
          </Card>
        </Col>
      </Row>
    </>
  );
}
