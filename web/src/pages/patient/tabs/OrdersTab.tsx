import { Table, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import type { Order } from '../../../api/types';
import { compareTime } from '../../../format';
import { label, orderCategoryLabels } from '../../../i18n/labels';
import { codeName } from '../codes';
import { useRecord } from '../RecordContext';
import { tabTable, useColumns } from './columns';

/** Orders with how many times each was administered. */
export function OrdersTab() {
  const { record } = useRecord();
  const { encounter, time, text, provenance, t, lang } = useColumns<Order>();
  const administered = useMemo(() => {
    const counts = new Map<string, number>();
    for (const administration of record.administrations) {
      counts.set(administration.orderId, (counts.get(administration.orderId) ?? 0) + 1);
    }
    return counts;
  }, [record.administrations]);
  const rows = [...record.orders].sort((a, b) => compareTime(b.startAt, a.startAt));
  const columns: TableColumnsType<Order> = [
    encounter,
    {
      title: t('col.category'),
      dataIndex: 'category',
      width: 80,
      render: (v: Order['category']) => label(orderCategoryLabels, lang, v),
      filters: (['DRUG', 'DEVICE', 'NURSING', 'OTHER'] as const).map((c) => ({ text: label(orderCategoryLabels, lang, c), value: c })),
      onFilter: (value, row) => row.category === value,
    },
    { title: t('col.item'), key: 'item', render: (_, row) => codeName(row.item) },
    {
      title: t('col.dose'),
      key: 'dose',
      width: 100,
      render: (_, row) => (row.dose === null ? '' : `${row.dose} ${row.doseUnit ?? ''}`),
    },
    text('route', 'col.route', 90),
    text('frequency', 'col.frequency', 80),
    {
      title: t('col.longTerm'),
      dataIndex: 'longTerm',
      width: 90,
      render: (v: boolean) => t(v ? 'col.longTermYes' : 'col.longTermNo'),
    },
    time('startAt', 'col.startAt'),
    time('stopAt', 'col.stopAt'),
    text('orderingDoctor', 'col.orderingDoctor', 100),
    {
      title: t('col.administrations'),
      key: 'administrations',
      width: 90,
      align: 'right',
      render: (_, row) => administered.get(row.id) ?? 0,
    },
    provenance,
  ];
  return <Table<Order> {...tabTable} columns={columns} dataSource={rows} />;
}
