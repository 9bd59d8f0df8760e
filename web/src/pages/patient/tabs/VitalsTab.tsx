import { Table, type TableColumnsType } from 'antd';
import type { Vital, VitalType } from '../../../api/types';
import { compareTime } from '../../../format';
import { label, vitalTypeLabels, vitalUnits } from '../../../i18n/labels';
import { useRecord } from '../RecordContext';
import { tabTable, useColumns } from './columns';

const vitalTypes = Object.keys(vitalUnits) as VitalType[];

/** Vital signs, newest first, filterable by type. */
export function VitalsTab() {
  const { record } = useRecord();
  const { encounter, time, provenance, t, lang } = useColumns<Vital>();
  const rows = [...record.vitals].sort((a, b) => compareTime(b.measuredAt, a.measuredAt));
  const present = new Set(record.vitals.map((vital) => vital.type));
  const columns: TableColumnsType<Vital> = [
    encounter,
    {
      title: t('col.type'),
      dataIndex: 'type',
      render: (type: VitalType) => label(vitalTypeLabels, lang, type),
      filters: vitalTypes.filter((type) => present.has(type)).map((type) => ({ text: label(vitalTypeLabels, lang, type), value: type })),
      onFilter: (value, row) => row.type === value,
    },
    {
      title: t('col.value'),
      key: 'value',
      align: 'right',
      render: (_, row) => `${row.value} ${vitalUnits[row.type] ?? ''}`,
    },
    time('measuredAt', 'col.measuredAt', true),
    provenance,
  ];
  return <Table<Vital> {...tabTable} columns={columns} dataSource={rows} />;
}
