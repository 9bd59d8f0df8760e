import { Empty, Select, Space, Typography } from 'antd';
import { useMemo } from 'react';
import type { Lab } from '../../../api/types';
import { EChart, type ChartOption } from '../../../components/EChart';
import { useI18n } from '../../../i18n/I18nContext';
import { labTrend, type LabTrend, type NumericLabItem } from '../labTrend';

const ABNORMAL_COLOR = '#cf1322';
const NORMAL_COLOR = '#1f6feb';

function trendOption(trend: LabTrend, rangeName: string): ChartOption {
  const { referenceLow: low, referenceHigh: high } = trend;
  const band =
    low !== null && high !== null
      ? {
          markArea: {
            silent: true,
            itemStyle: { color: 'rgba(82, 196, 26, 0.12)' },
            label: { show: true, position: 'insideTopLeft' as const, formatter: `${rangeName} ${low}–${high}` },
            data: [[{ yAxis: low }, { yAxis: high }]] as [{ yAxis: number }, { yAxis: number }][],
          },
        }
      : {};
  const single = low === null ? high : high === null ? low : null;
  const line =
    single !== null
      ? { markLine: { silent: true, symbol: 'none', lineStyle: { color: '#52c41a' }, data: [{ yAxis: single }] } }
      : {};
  const bounds = [low, high].filter((v): v is number => v !== null);
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 56, right: 24, top: 32, bottom: 56 },
    xAxis: {
      type: 'time',
      axisLabel: {
        hideOverlap: true,
        formatter: { year: '{yyyy}', month: '{yyyy}-{MM}', day: '{MM}-{dd}', hour: '{MM}-{dd} {HH}:{mm}', minute: '{HH}:{mm}' },
      },
    },
    yAxis: {
      type: 'value',
      name: trend.unit ?? '',
      scale: true,
      // The band can stretch the axis to an odd bound (e.g. 3.5); label only the nice ticks inside it.
      axisLabel: { showMinLabel: false, showMaxLabel: false },
      // Keep the reference band in view even when every value lies outside it.
      min: (extent: { min: number }) => Math.min(extent.min, ...bounds),
      max: (extent: { max: number }) => Math.max(extent.max, ...bounds),
    },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
    series: [
      {
        name: trend.name,
        type: 'line',
        symbolSize: 8,
        showAllSymbol: true,
        data: trend.points.map((point) => ({
          value: [point.at, point.value],
          itemStyle: { color: point.flag && point.flag !== 'NORMAL' ? ABNORMAL_COLOR : NORMAL_COLOR },
        })),
        lineStyle: { color: NORMAL_COLOR },
        ...band,
        ...line,
      },
    ],
  };
}

interface LabTrendChartProps {
  labs: Lab[];
  items: NumericLabItem[];
  selected: string | undefined;
  onSelect: (key: string) => void;
}

/** Chooses a numeric lab item and charts its values over time against the reference range. */
export function LabTrendChart({ labs, items, selected, onSelect }: LabTrendChartProps) {
  const { t } = useI18n();
  const trend = useMemo(() => (selected ? labTrend(labs, selected) : null), [labs, selected]);
  const option = useMemo(() => (trend ? trendOption(trend, t('labs.referenceRange')) : null), [trend, t]);

  return (
    <div data-testid="lab-trend-chart">
      <Space style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('labs.trend')}</Typography.Text>
        <Select
          showSearch
          optionFilterProp="label"
          style={{ width: 280 }}
          placeholder={t('labs.chooseItem')}
          value={selected}
          onChange={onSelect}
          options={items.map((item) => ({
            value: item.key,
            label: `${item.name}${item.unit ? ` (${item.unit})` : ''} · ${item.count}`,
          }))}
          data-testid="lab-trend-select"
        />
      </Space>
      {option ? <EChart option={option} height={300} /> : <Empty description={t('labs.noNumeric')} />}
    </div>
  );
}
