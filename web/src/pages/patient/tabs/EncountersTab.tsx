import { Table, type TableColumnsType } from 'antd';
import type { Encounter, Transfer } from '../../../api/types';
import { compareTime } from '../../../format';
import { dispositionLabels, encounterTypeLabels, label } from '../../../i18n/labels';
import { useRecord } from '../RecordContext';
import { tabTable, useColumns } from './columns';

function place(department: string | null, ward: string | null): string {
  return [department, ward].filter(Boolean).join(' / ');
}

function Transfers({ transfers }: { transfers: Transfer[] }) {
  const { time, provenance, t } = useColumns<Transfer>();
  const columns: TableColumnsType<Transfer> = [
    time('at', 'col.at'),
    { title: t('col.from'), key: 'from', render: (_, row) => place(row.fromDepartment, row.fromWard) },
    { title: t('col.to'), key: 'to', render: (_, row) => place(row.toDepartment, row.toWard) },
    provenance,
  ];
  return <Table<Transfer> {...tabTable} pagination={false} columns={columns} dataSource={transfers} />;
}

/** Encounters, newest first, each expandable to its transfers between departments. */
export function EncountersTab() {
  const { record } = useRecord();
  const { time, text, provenance, t, lang } = useColumns<Encounter>();
  const rows = [...record.encounters].sort((a, b) => compareTime(b.admittedAt, a.admittedAt));
  const columns: TableColumnsType<Encounter> = [
    { title: t('col.type'), dataIndex: 'type', width: 80, render: (v: Encounter['type']) => label(encounterTypeLabels, lang, v) },
    text('department', 'col.department'),
    text('ward', 'col.ward'),
    time('admittedAt', 'col.admittedAt'),
    time('dischargedAt', 'col.dischargedAt'),
    {
      title: t('col.disposition'),
      dataIndex: 'disposition',
      render: (v: Encounter['disposition']) => label(dispositionLabels, lang, v),
    },
    text('attendingDoctor', 'col.attendingDoctor'),
    { title: t('col.transfers'), key: 'transfers', width: 70, align: 'right', render: (_, row) => row.transfers.length },
    provenance,
  ];
  return (
    <Table<Encounter>
      {...tabTable}
      columns={columns}
      dataSource={rows}
      expandable={{
        rowExpandable: (row) => row.transfers.length > 0,
        expandedRowRender: (row) => <Transfers transfers={row.transfers} />,
      }}
    />
  );
}
