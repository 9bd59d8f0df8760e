import { Table, Tag, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import type { Lab, LabFlag } from '../../../api/types';
import { compareTime } from '../../../format';
import { label, labFlagLabels } from '../../../i18n/labels';
import { codeKey, codeName } from '../codes';
import { numericLabItems } from '../labTrend';
import { useRecord } from '../RecordContext';
import { tabTable, useColumns } from './columns';
import { LabTrendChart } from './LabTrendChart';

const flagColors: Record<LabFlag, string> = {
  NORMAL: 'default',
  LOW: 'blue',
  HIGH: 'orange',
  CRITICAL_LOW: 'purple',
  CRITICAL_HIGH: 'red',
  ABNORMAL: 'volcano',
};

function reference(lab: Lab): string {
  if (lab.referenceLow !== null && lab.referenceHigh !== null) return `${lab.referenceLow}–${lab.referenceHigh}`;
  if (lab.referenceLow !== null) return `≥ ${lab.referenceLow}`;
  if (lab.referenceHigh !== null) return `≤ ${lab.referenceHigh}`;
  return lab.referenceText ?? '';
}

/** Lab results as a trend chart of one chosen item above a table of all results; clicking a row charts its item. */
export function LabsTab() {
  const { record } = useRecord();
  const { encounter, time, text, provenance, t, lang } = useColumns<Lab>();
  const items = useMemo(() => numericLabItems(record.labs), [record.labs]);
  const [selected, setSelected] = useState<string | undefined>(items[0]?.key);
  const rows = useMemo(() => [...record.labs].sort((a, b) => compareTime(b.collectedAt, a.collectedAt)), [record.labs]);
  const panels = useMemo(() => [...new Set(record.labs.map((lab) => lab.panel).filter(Boolean))] as string[], [record.labs]);

  const columns: TableColumnsType<Lab> = [
    encounter,
    {
      ...text('panel', 'col.panel', 140),
      filters: panels.map((panel) => ({ text: panel, value: panel })),
      onFilter: (value, row) => row.panel === value,
    },
    { title: t('col.item'), key: 'item', render: (_, row) => codeName(row.item) },
    {
      title: t('col.value'),
      key: 'value',
      width: 110,
      align: 'right',
      render: (_, row) => (row.numericValue ?? row.textValue ?? '') + (row.unit ? ` ${row.unit}` : ''),
    },
    { title: t('col.reference'), key: 'reference', width: 120, render: (_, row) => reference(row) },
    {
      title: t('col.flag'),
      dataIndex: 'flag',
      width: 90,
      render: (flag: LabFlag | null) =>
        flag && flag !== 'NORMAL' ? <Tag color={flagColors[flag]}>{label(labFlagLabels, lang, flag)}</Tag> : null,
    },
    text('specimen', 'col.specimen', 80),
    time('collectedAt', 'col.collectedAt', true),
    provenance,
  ];

  return (
    <>
      <LabTrendChart labs={record.labs} items={items} selected={selected} onSelect={setSelected} />
      <Table<Lab>
        style={{ marginTop: 16 }}
        {...tabTable}
        columns={columns}
        dataSource={rows}
        rowClassName="clickable-row"
        onRow={(row) => ({ onClick: () => row.numericValue !== null && setSelected(codeKey(row.item)) })}
      />
    </>
  );
}
