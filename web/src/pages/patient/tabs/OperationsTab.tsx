import { Table, type TableColumnsType } from 'antd';
import type { Operation } from '../../../api/types';
import { compareTime } from '../../../format';
import { useRecord } from '../RecordContext';
import { tabTable, useColumns } from './columns';

/** Operations with standard (ICD-9-CM-3) and local codes. */
export function OperationsTab() {
  const { record } = useRecord();
  const { encounter, time, text, provenance, t } = useColumns<Operation>();
  const rows = [...record.operations].sort((a, b) => compareTime(b.startedAt, a.startedAt));
  const columns: TableColumnsType<Operation> = [
    encounter,
    { title: t('col.standardCode'), key: 'stdCode', width: 100, render: (_, row) => row.code.standard?.code ?? '' },
    { title: t('col.operation'), key: 'name', render: (_, row) => row.code.standard?.display ?? row.code.local.display },
    { title: t('col.localCode'), key: 'localCode', width: 100, render: (_, row) => row.code.local.code },
    time('startedAt', 'col.startedAt'),
    time('endedAt', 'col.endedAt'),
    text('surgeon', 'col.surgeon'),
    text('anaesthesia', 'col.anaesthesia'),
    text('incisionClass', 'col.incisionClass', 90),
    {
      title: t('col.level'),
      dataIndex: 'level',
      width: 90,
      render: (level: number | null) => (level ? t('col.levelValue', { n: level }) : ''),
    },
    provenance,
  ];
  return <Table<Operation> {...tabTable} columns={columns} dataSource={rows} />;
}
