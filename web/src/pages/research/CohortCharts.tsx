import { EChart } from '../../components/EChart';
import { useI18n } from '../../i18n/I18nContext';
import { label, sexLabels } from '../../i18n/labels';
import type { Sex } from '../../api/types';

/** Patients left after the index event and after each rule, as horizontal bars (a funnel read top-down). */
export function AttritionChart({ index, rules }: { index: number | null; rules: { rule: string; remaining: number | null }[] }) {
  const { t } = useI18n();
  const names = [t('cohort.indexEvent'), ...rules.map((r) => r.rule)];
  const values = [index, ...rules.map((r) => r.remaining)];
  return (
    <EChart
      testId="cohort-attrition-chart"
      height={Math.max(160, 48 * names.length)}
      option={{
        // Live counts change while the user types; bars growing from old values would read as wrong numbers.
        animation: false,
        tooltip: { trigger: 'axis' },
        grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
        xAxis: { type: 'value' },
        yAxis: { type: 'category', inverse: true, data: names, axisLabel: { width: 180, overflow: 'truncate' } },
        series: [
          {
            type: 'bar',
            // A suppressed small cell (null) is drawn empty, not as zero.
            data: values.map((v) => (v === null ? '-' : v)),
            label: { show: true, position: 'right' },
            itemStyle: { color: '#1f6feb' },
          },
        ],
      }}
    />
  );
}

/** Members by age band and by sex at their index time. */
export function DemographicsCharts({
  demographics,
}: {
  demographics: { sex: Record<string, number | null>; age_bands: Record<string, number | null> };
}) {
  const { t, lang } = useI18n();
  const bands = Object.keys(demographics.age_bands);
  const sexes = Object.keys(demographics.sex);
  return (
    <div data-testid="cohort-demographics">
      <EChart
        height={200}
        option={{
          animation: false,
          tooltip: { trigger: 'axis' },
          grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
          xAxis: { type: 'category', data: bands, name: t('cohort.ageBand') },
          yAxis: { type: 'value' },
          series: [
            {
              type: 'bar',
              data: bands.map((b) => demographics.age_bands[b] ?? '-'),
              label: { show: true, position: 'top' },
            },
          ],
        }}
      />
      <EChart
        height={160}
        option={{
          animation: false,
          tooltip: { trigger: 'axis' },
          grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
          xAxis: { type: 'value' },
          yAxis: { type: 'category', data: sexes.map((s) => label(sexLabels, lang, s as Sex)) },
          series: [
            {
              type: 'bar',
              data: sexes.map((s) => demographics.sex[s] ?? '-'),
              label: { show: true, position: 'right' },
              itemStyle: { color: '#52c41a' },
            },
          ],
        }}
      />
    </div>
  );
}
